package io.edgegateway.authorizer.cognito;

import com.nimbusds.jwt.JWTClaimsSet;
import io.edgegateway.authorizer.CredentialVerifier;
import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.identity.CognitoClaims;
import io.edgegateway.authorizer.identity.Identity;
import io.edgegateway.authorizer.json.Json;
import io.edgegateway.authorizer.json.JsonException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  /** The error codes the AWS SDK for Java counts as throttling (as does an HTTP 429). */
  static final Set<String> THROTTLING_ERROR_CODES = Set.of("Throttling", "ThrottlingException", "ThrottledException",
      "ProvisionedThroughputExceededException", "SlowDown", "TooManyRequestsException", "RequestLimitExceeded",
      "BandwidthLimitExceeded", "RequestThrottled", "RequestThrottledException", "EC2ThrottledException",
      "TransactionInProgressException");
  /** The detail of an error without an error code. */
  static final String NO_ERROR_CODE = "CognitoIdentityProviderException";

  private final InitiateAuthClient cognito;
  private final String clientId;
  private final Optional<String> clientSecret;

  public CognitoPasswordVerifier(InitiateAuthClient cognito, String clientId, Optional<String> clientSecret) {
    this.cognito = cognito;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  @Override
  public Identity verify(String username, String password, Duration timeout) throws Denied {
    Map<String, Object> response = initiateAuth(username, password, timeout);
    Object challenge = response.get("ChallengeName");
    if (challenge != null) {
      throw new Denied(DenialReason.COGNITO_CHALLENGE, String.valueOf(challenge));
    }
    Object idToken = response.get("AuthenticationResult") instanceof Map<?, ?> result ? result.get("IdToken") : null;
    if (idToken == null) {
      throw new Denied(DenialReason.COGNITO_NO_TOKENS);
    }
    if (!(idToken instanceof String token)) {
      throw new Denied(DenialReason.COGNITO_NO_TOKENS, "the ID token cannot be read");
    }
    return CognitoClaims.identity(claims(token), false);
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

  /** The request body: JSON in UTF-8, the password (already decoded from base64 and UTF-8) as a string. */
  byte[] requestBody(String username, String password) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("USERNAME", username);
    parameters.put("PASSWORD", password);
    clientSecret.ifPresent(secret -> parameters.put("SECRET_HASH", SecretHash.of(secret, username, clientId)));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("AuthFlow", "USER_PASSWORD_AUTH");
    request.put("ClientId", clientId);
    request.put("AuthParameters", parameters);
    return Json.write(request).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The successful response's JSON object (an empty body is an empty object), or the denial for what came
   * instead, as the AWS SDK for Java classed it: an error code from the {@code x-amzn-ErrorType} header,
   * else from the body's {@code __type} (or {@code code}), without a {@code ...#} prefix or a {@code :...}
   * suffix.
   */
  private Map<String, Object> initiateAuth(String username, String password, Duration timeout) throws Denied {
    InitiateAuthClient.Answer answer;
    try {
      answer = cognito.post(requestBody(username, password), timeout);
    } catch (SocketTimeoutException e) {
      throw new Denied(DenialReason.COGNITO_TIMEOUT, "after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new Denied(DenialReason.COGNITO_UNREACHABLE, rootCause(e).getClass().getSimpleName());
    } catch (RuntimeException e) {
      throw new Denied(DenialReason.COGNITO_ERROR, e.getClass().getSimpleName());
    }
    int status = answer.status();
    if (status >= 200 && status < 300) {
      if (answer.body().length == 0) {
        return Map.of();
      }
      try {
        Map<String, Object> response = Json.parseObject(answer.body());
        if (response == null) {
          throw new JsonException("null");
        }
        return response;
      } catch (JsonException e) {
        throw new Denied(DenialReason.COGNITO_UNREACHABLE, "JsonException");
      }
    }
    String code = errorCode(answer);
    if (code != null) {
      switch (code) {
        case "NotAuthorizedException" -> throw new Denied(DenialReason.COGNITO_NOT_AUTHORIZED);
        case "UserNotFoundException" -> throw new Denied(DenialReason.COGNITO_USER_NOT_FOUND);
        case "UserNotConfirmedException" -> throw new Denied(DenialReason.COGNITO_USER_NOT_CONFIRMED);
        case "PasswordResetRequiredException" -> throw new Denied(DenialReason.COGNITO_PASSWORD_RESET_REQUIRED);
        default -> {
        }
      }
    }
    String detail = (code == null ? NO_ERROR_CODE : code) + " (HTTP " + status + ")";
    if (status == 429 || (code != null && THROTTLING_ERROR_CODES.contains(code))) {
      throw new Denied(DenialReason.COGNITO_THROTTLED, detail);
    }
    throw new Denied(DenialReason.COGNITO_ERROR, detail);
  }

  static String errorCode(InitiateAuthClient.Answer answer) {
    String header = answer.errorType();
    if (header != null) {
      int colon = header.indexOf(':');
      return colon < 0 ? header : header.substring(0, colon);
    }
    Map<String, Object> body;
    try {
      body = answer.body().length == 0 ? null : Json.parseObject(answer.body());
    } catch (JsonException e) {
      return null;
    }
    if (body == null) {
      return null;
    }
    Object type = body.get("__type") instanceof String t ? t : body.get("code");
    if (!(type instanceof String code)) {
      return null;
    }
    code = code.substring(code.lastIndexOf('#') + 1);
    int colon = code.indexOf(':');
    return colon < 0 ? code : code.substring(0, colon);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
