package io.edgegateway.cli.doctor;

import io.edgegateway.config.CredentialsConfig;
import io.edgegateway.config.CredentialsConfig.CognitoConfig;
import io.edgegateway.upstream.credentials.CredentialsRefusedException;
import io.edgegateway.upstream.credentials.PasswordCredentials;
import io.edgegateway.upstream.credentials.TokenCredentials;
import io.edgegateway.upstream.credentials.UpstreamCredentials;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Step 5: the credentials the test connection will carry, those of the {@link ProbeUser}. Token mode signs in
 * to Cognito as the gateway does ({@link TokenCredentials}); password mode has nothing to check here, since the authorizer checks
 * the password with Cognito at CONNECT.
 */
final class CognitoCheck {

  static final String STEP = "Cognito";

  private CognitoCheck() {
  }

  /** The credentials for the connect step, or null with the failure reported. */
  static UpstreamCredentials credentials(Vertx vertx, CredentialsConfig config, ProbeUser user, Duration timeout,
      Report report) throws InterruptedException {
    if (config.mode() == CredentialsConfig.Mode.PASSWORD) {
      report.add(Check.skipped(STEP, "password mode: the authorizer checks the password with Cognito when the "
          + (user.device() ? "device" : "gateway") + " connects, in the next step"));
      return new PasswordCredentials(user.username(), user.password()).next().result();
    }
    CognitoConfig cognito = config.cognito();
    String where = "app client " + cognito.clientId() + " in " + (cognito.endpoint() == null
        ? "Region " + cognito.region() : cognito.endpoint().toString());
    try (TokenCredentials tokens = new TokenCredentials(vertx, user.username(), user.password(), cognito,
        Clock.systemUTC())) {
      UpstreamCredentials credentials = await(tokens, timeout.plusSeconds(10));
      report.add(Check.ok(STEP, "signed in as user " + user.username() + " (" + where + "), got an "
          + cognito.tokenUse() + " token"));
      return credentials;
    } catch (ExecutionException e) {
      report.add(failure(e.getCause(), user, where));
    } catch (TimeoutException e) {
      report.add(Check.failed(STEP, "no answer from Cognito (" + where + ") within " + timeout.plusSeconds(10)
          .toSeconds() + " s", "check the network, and credentials.cognito.region or .endpoint"));
    }
    return null;
  }

  private static UpstreamCredentials await(TokenCredentials tokens, Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    return tokens.next().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Check failure(Throwable cause, ProbeUser probeUser, String where) {
    String user = probeUser.username();
    String userSource = probeUser.usernameSource();
    String message = String.valueOf(cause.getMessage());
    if (!(cause instanceof CredentialsRefusedException)) {
      return Check.failed(STEP, "cannot sign in (" + message + ")", message.contains("unreachable")
          ? "check the network and credentials.cognito.region (or .endpoint): HTTPS to Cognito must be reachable"
          : "Cognito failed; try again, and check credentials.cognito");
    }
    String password = "the password (" + probeUser.password().origin() + ")";
    if (message.contains("NotAuthorizedException") || message.contains("InvalidPasswordException")) {
      return Check.failed(STEP, "Cognito refused user " + user + ": the user name or password is wrong, or the "
          + where + " does not allow it", "check " + userSource + ", " + password + ", and that the app client "
          + "allows USER_PASSWORD_AUTH (and, if it has a secret, credentials.cognito.clientSecret)");
    }
    if (message.contains("UserNotFoundException")) {
      return Check.failed(STEP, "Cognito has no user " + user + " in the pool of " + where,
          "check " + userSource + " and credentials.cognito.clientId");
    }
    if (message.contains("ResourceNotFoundException")) {
      return Check.failed(STEP, "Cognito knows no " + where, "check credentials.cognito.clientId and .region");
    }
    if (message.contains("UserNotConfirmedException")) {
      return Check.failed(STEP, "user " + user + " is not confirmed", "confirm the user in the user pool");
    }
    if (message.contains("PasswordResetRequiredException")) {
      return Check.failed(STEP, "Cognito asks for a new password for user " + user,
          "reset the password, then update " + password);
    }
    if (message.contains(" for ")) {
      // a challenge (NEW_PASSWORD_REQUIRED, MFA, ...): not a sign-in
      return Check.failed(STEP, message, "the gateway cannot answer challenges: set a permanent password "
          + "(aws cognito-idp admin-set-user-password --permanent) and no MFA for this user");
    }
    return Check.failed(STEP, message, "check the credentials section");
  }
}
