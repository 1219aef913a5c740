package io.edgegateway.authorizer.cognito;

import com.nimbusds.jwt.JWTClaimsSet;
import io.edgegateway.authorizer.CredentialVerifier;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.identity.CognitoClaims;
import io.edgegateway.authorizer.identity.Identity;
import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.json.JsonException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Password mode: the MQTT password is the user's Cognito password. One {@code InitiateAuth}
 * ({@code USER_PASSWORD_AUTH}, with {@code SECRET_HASH} when the app client has a secret); only a
 * response with an {@code AuthenticationResult} and an ID token is a login. A challenge
 * ({@code NEW_PASSWORD_REQUIRED}, MFA, ...), an error of any kind, throttling and a timeout all deny.
 * <p>
 * The identity comes from the ID token in that response. It is not signature-checked: it arrived from
 * Cognito itself, over TLS, as the answer to this call.
 */
public final class CognitoPasswordVerifier implements CredentialVerifier {
  private final CognitoIdentityProviderClient cognito;
  private final String clientId;
  private final Optional<String> clientSecret;

  public CognitoPasswordVerifier(CognitoIdentityProviderClient cognito, String clientId, Optional<String> clientSecret) {
    this.cognito = cognito;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  @Override
  public Identity verify(String username, String password, Duration timeout) throws Denied {
    InitiateAuthResponse response = initiateAuth(username, password, timeout);
    if (response == null) {
      throw new Denied(DenialReason.COGNITO_ERROR, "no response");
    }
    if (response.challengeNameAsString() != null) {
      throw new Denied(DenialReason.COGNITO_CHALLENGE, response.challengeNameAsString());
    }
    AuthenticationResultType result = response.authenticationResult();
    if (result == null || result.idToken() == null) {
      throw new Denied(DenialReason.COGNITO_NO_TOKENS);
    }
    return CognitoClaims.identity(claims(result.idToken()), false);
  }

  /**
   * The claims of the ID token: a JWS in compact form whose header names an algorithm and whose payload
   * is a JSON object. Read with {@link Json} rather than Nimbus's parser, whose JSON library would add
   * tens of milliseconds of class loading to password mode's cold start; the signature is not checked
   * (see the class comment).
   */
  static JWTClaimsSet claims(String idToken) throws Denied {
    String[] parts = idToken.split("\\.", -1);
    try {
      if (parts.length != 3) {
        throw new JsonException("not three parts");
      }
      Map<String, Object> header = Json.parseObject(Base64.getUrlDecoder().decode(parts[0]));
      Map<String, Object> payload = Json.parseObject(Base64.getUrlDecoder().decode(parts[1]));
      if (header == null || !(header.get("alg") instanceof String) || payload == null) {
        throw new JsonException("no algorithm or no claims");
      }
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
      payload.forEach(claims::claim);
      return claims.build();
    } catch (JsonException | RuntimeException e) {
      throw new Denied(DenialReason.COGNITO_NO_TOKENS, "the ID token cannot be read");
    }
  }

  private InitiateAuthResponse initiateAuth(String username, String password, Duration timeout) throws Denied {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("USERNAME", username);
    parameters.put("PASSWORD", password);
    clientSecret.ifPresent(secret -> parameters.put("SECRET_HASH", SecretHash.of(secret, username, clientId)));
    InitiateAuthRequest request = InitiateAuthRequest.builder()
        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
        .clientId(clientId)
        .authParameters(parameters)
        .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
        .build();
    try {
      return cognito.initiateAuth(request);
    } catch (NotAuthorizedException e) {
      throw new Denied(DenialReason.COGNITO_NOT_AUTHORIZED);
    } catch (UserNotFoundException e) {
      throw new Denied(DenialReason.COGNITO_USER_NOT_FOUND);
    } catch (UserNotConfirmedException e) {
      throw new Denied(DenialReason.COGNITO_USER_NOT_CONFIRMED);
    } catch (PasswordResetRequiredException e) {
      throw new Denied(DenialReason.COGNITO_PASSWORD_RESET_REQUIRED);
    } catch (AwsServiceException e) {
      if (e.isThrottlingException()) {
        throw new Denied(DenialReason.COGNITO_THROTTLED, errorCode(e));
      }
      throw new Denied(DenialReason.COGNITO_ERROR, errorCode(e));
    } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
      throw new Denied(DenialReason.COGNITO_TIMEOUT, "after " + timeout.toMillis() + " ms");
    } catch (SdkClientException e) {
      if (hasCause(e, SocketTimeoutException.class)) {
        throw new Denied(DenialReason.COGNITO_TIMEOUT, "after " + timeout.toMillis() + " ms");
      }
      throw new Denied(DenialReason.COGNITO_UNREACHABLE, rootCause(e).getClass().getSimpleName());
    } catch (RuntimeException e) {
      throw new Denied(DenialReason.COGNITO_ERROR, e.getClass().getSimpleName());
    }
  }

  private static String errorCode(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return (code == null ? e.getClass().getSimpleName() : code) + " (HTTP " + e.statusCode() + ")";
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
