// The authorizer function of the article this project started from ("カスタム認証機能×Cognitoで
// AWS IoT Coreの認証を行う", 2022-10-24), kept as it is as the baseline of the authorizer benchmark
// (authorizer/bench/run.sh). It is NOT a usable authorizer: it answers isAuthenticated true for a
// failed login, calls back Deny and then Allow on a Cognito error, empties a username without '?',
// decodes the password as ASCII and allows everybody the same resources.
//
// Changes from the article, only to run it against cognito-local:
//   1. the Cognito client takes its endpoint from COGNITO_ENDPOINT (unset: Cognito's own endpoint).
// Unchanged: the Region comes from AWS_REGION and the app client from the ClientID variable, as in
// the article's Lambda. The article's comments, in Japanese, are translated; the code is as it was.
const aws = require('aws-sdk');
const cognito = new aws.CognitoIdentityServiceProvider({ endpoint: process.env['COGNITO_ENDPOINT'] });

exports.handler = async function (event, context, callback) {
  const originalUserName = event.protocolData.mqtt.username;
  // An AWS SDK client publishing over MQTT sends the username as "name?SDK=PythonV2&Version=xx": take the name
  const uname = originalUserName.substring(0, originalUserName.indexOf('?'));
  const pwd = event.protocolData.mqtt.password;
  // The password arrives base64-encoded: decode it before use
  const passwd = Buffer.from(pwd, 'base64').toString('ascii');

  const params = {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: process.env['ClientID'],
    AuthParameters: {
      USERNAME: uname,
      PASSWORD: passwd,
    },
  };

  const result = await cognito
    .initiateAuth(params)
    .promise()
    .catch((error) => {
      callback(null, generateAuthResponse('Deny'));
    });

  callback(null, generateAuthResponse('Allow'));
};

// Helper function to generate the authorization response.
const generateAuthResponse = function (effect) {
  const authResponse = {};
  authResponse.isAuthenticated = true;
  authResponse.principalId = 'TEST123';

  const policyDocument = {};
  policyDocument.Version = '2012-10-17';
  policyDocument.Statement = [];
  const publishStatement = {};
  const connectStatement = {};
  connectStatement.Action = ['iot:Connect'];
  connectStatement.Effect = effect;
  connectStatement.Resource = ['arn:aws:iot:ap-northeast-1:************:client/*'];
  publishStatement.Action = ['iot:Publish'];
  publishStatement.Effect = effect;
  publishStatement.Resource = ['arn:aws:iot:ap-northeast-1:************:topic/test/*'];
  policyDocument.Statement[0] = connectStatement;
  policyDocument.Statement[1] = publishStatement;
  authResponse.policyDocuments = [policyDocument];
  authResponse.disconnectAfterInSeconds = 3600;
  authResponse.refreshAfterInSeconds = 300;

  return authResponse;
};
