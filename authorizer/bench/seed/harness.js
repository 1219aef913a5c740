// Runs the seed's handler (index.js) as the Lambda Node.js runtime would call it, for the authorizer
// benchmark. The event (JSON) comes on stdin; configuration from the environment (AWS_REGION, ClientID,
// COGNITO_ENDPOINT).
//   node harness.js cold           loads the handler, answers the event once, prints the answer (one line)
//   node harness.js warm N W       loads the handler, answers W times unmeasured, then N times measured;
//                                  prints {"allowed":A,"nanos":[...]} (one line): A answers that were an
//                                  Allow, and each measured invocation's duration in nanoseconds
// An answer is the first value the handler calls back with (the seed calls back once on success, twice
// on a Cognito error); an invocation ends when the promise the handler returns settles.
'use strict';

const context = {
  awsRequestId: 'bench',
  functionName: 'seed-authorizer',
  getRemainingTimeInMillis: () => 5000,
};

function invoke(handler, event) {
  return new Promise((resolve, reject) => {
    let answer;
    const callback = (error, value) => {
      if (answer === undefined) {
        answer = { error, value };
      }
    };
    Promise.resolve(handler(event, context, callback)).then(() => resolve(answer), reject);
  });
}

function allowed(answer) {
  const value = answer && answer.value;
  return Boolean(value && value.isAuthenticated === true
    && value.policyDocuments[0].Statement.every((s) => s.Effect === 'Allow'));
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function main() {
  const [mode, n, w] = process.argv.slice(2);
  const event = JSON.parse(await readStdin());
  const { handler } = require('./index.js');
  if (mode === 'cold') {
    const answer = await invoke(handler, event);
    process.stdout.write(JSON.stringify(answer.value) + '\n');
    return;
  }
  if (mode !== 'warm') {
    throw new Error('usage: node harness.js cold | warm N W');
  }
  let count = 0;
  for (let i = 0; i < Number(w); i++) {
    if (allowed(await invoke(handler, event))) count++;
  }
  const nanos = [];
  for (let i = 0; i < Number(n); i++) {
    const start = process.hrtime.bigint();
    const answer = await invoke(handler, event);
    nanos.push(Number(process.hrtime.bigint() - start));
    if (allowed(answer)) count++;
  }
  process.stdout.write(JSON.stringify({ allowed: count, nanos }) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
