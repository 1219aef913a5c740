package io.edgegateway.upstream;

import static io.edgegateway.upstream.UpstreamGateway.AUTHORIZER;

import io.edgegateway.authorizer.it.CognitoLocal;
import io.edgegateway.authorizer.it.TestPool;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.InvokeApiAuthorizer;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.SimulatorOptions;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The authorizer side of the chain as in production, with local stand-ins: cognito-local with a user pool and
 * an app client, and {@code authorizer.jar serve} (the Lambda Invoke API) checking against them in password and
 * token mode with its default policy. Simulators started here call that authorizer.
 */
final class AuthorizerChain implements AutoCloseable {

  final CognitoLocal cognito;
  final CognitoIdentityProviderClient admin;
  final TestPool pool;
  final String appClient;
  final AuthorizerServe authorizer;

  private AuthorizerChain(CognitoLocal cognito, CognitoIdentityProviderClient admin, TestPool pool, String appClient,
      AuthorizerServe authorizer) {
    this.cognito = cognito;
    this.admin = admin;
    this.pool = pool;
    this.appClient = appClient;
    this.authorizer = authorizer;
  }

  /** @param appClient makes the pool's app client and returns its id */
  static AuthorizerChain start(String poolName, Function<TestPool, String> appClient) throws Exception {
    CognitoLocal cognito = CognitoLocal.start();
    CognitoIdentityProviderClient admin = cognito.adminClient();
    TestPool pool = TestPool.create(admin, poolName);
    String client = appClient.apply(pool);
    AuthorizerServe authorizer = AuthorizerServe.start(Map.of(
        "COGNITO_USER_POOL_ID", pool.poolId,
        "COGNITO_CLIENT_ID", client,
        "COGNITO_ENDPOINT", cognito.endpoint().toString(),
        "AWS_REGION", SimulatorOptions.DEFAULT_REGION,
        "AWS_ACCOUNT_ID", SimulatorOptions.DEFAULT_ACCOUNT,
        "AUTH_MODES", "password,token"));
    return new AuthorizerChain(cognito, admin, pool, client, authorizer);
  }

  /** The simulator on {@code port} (0: any), calling the authorizer. */
  IotCoreSimulator simulator(Vertx vertx, int port) throws Exception {
    return Fixture.start(vertx, SimulatorOptions.defaults().withPort(port), Authorizers.single(AUTHORIZER,
        new InvokeApiAuthorizer(vertx.createHttpClient(), URI.create(authorizer.url()), "EdgeGatewayAuthorizer")));
  }

  @Override
  public void close() throws Exception {
    try {
      authorizer.close();
    } finally {
      try {
        admin.close();
      } finally {
        cognito.close();
      }
    }
  }
}
