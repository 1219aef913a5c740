#!/usr/bin/env bash
# The authorizer benchmark (docs/BENCHMARKS.md, "Authorizer"): builds authorizer.jar and the benchmark,
# starts cognito-local, and measures warm latency and cold start of this authorizer (password and token
# mode) and of the seed article's Node.js function (bench/seed). Needs Java 17+, Maven, Node and npm.
#   authorizer/bench/run.sh [--warm N] [--token-warm N] [--cold N] [--markdown FILE]
# The benchmark's JVM runs with the flags template.yaml gives the Lambda function (C1 only).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q package -DskipTests
# the benchmark's own JSON (the test helpers': jackson-jr) and its Cognito administration (the AWS SDK) are test
# dependencies, which the shaded jar does not hold
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.includeGroupIds=com.fasterxml.jackson.core,com.fasterxml.jackson.jr,software.amazon.awssdk,software.amazon.eventstream,org.reactivestreams,org.slf4j -Dmdep.outputFile=target/bench-classpath.txt
(cd src/test/cognito-local && npm ci --no-audit --no-fund --loglevel=error)
(cd bench/seed && npm ci --no-audit --no-fund --loglevel=error)
exec java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 \
  -DcognitoLocal.dir=src/test/cognito-local -Dauthorizer.jar=target/authorizer.jar -DseedBench.dir=bench/seed \
  -cp "target/authorizer.jar:target/test-classes:$(cat target/bench-classpath.txt)" io.edgegateway.authorizer.bench.AuthorizerBench "$@"
