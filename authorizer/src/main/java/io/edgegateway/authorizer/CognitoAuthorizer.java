package io.edgegateway.authorizer;

import io.edgegateway.authorizer.config.AuthMode;
import io.edgegateway.authorizer.config.AuthorizerConfig;
import io.edgegateway.authorizer.event.AuthorizerEvent;
import io.edgegateway.authorizer.event.CredentialDecoder;
import io.edgegateway.authorizer.event.EventParser;
import io.edgegateway.authorizer.identity.Identity;
import io.edgegateway.authorizer.identity.PrincipalId;
import io.edgegateway.authorizer.log.DecisionRecord;
import io.edgegateway.authorizer.policy.PolicyBuilder;
import io.edgegateway.authorizer.policy.ResourceScope;
import io.edgegateway.authorizer.response.AuthorizerResponse;
import io.edgegateway.authorizer.response.SessionIntervals;
import io.edgegateway.authorizer.token.JwtShape;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The decision, step by step: parse the event, decode the credentials, pick the mode, verify with
 * Cognito, build the policy, answer. Each step either returns or throws {@link Denied}; the only
 * {@code return} of an Allow is the last line of {@link #authorize}, so no failure can end in one.
 */
public final class CognitoAuthorizer implements Authorizer {
  /** Left for writing the response after the Cognito call, when the runtime says how much time is left. */
  static final Duration RESPONSE_MARGIN = Duration.ofMillis(500);
  static final Duration MIN_CALL_TIME = Duration.ofMillis(100);

  private final AuthorizerConfig config;
  private final Optional<CredentialVerifier> passwordVerifier;
  private final Optional<CredentialVerifier> tokenVerifier;
  private final PolicyBuilder policyBuilder;
  private final Clock clock;

  public CognitoAuthorizer(AuthorizerConfig config, Optional<CredentialVerifier> passwordVerifier,
      Optional<CredentialVerifier> tokenVerifier, Clock clock) {
    if (config.modes().contains(AuthMode.PASSWORD) != passwordVerifier.isPresent()
        || config.modes().contains(AuthMode.TOKEN) != tokenVerifier.isPresent()) {
      throw new IllegalArgumentException("one verifier for each enabled mode, and none for the others");
    }
    this.config = config;
    this.passwordVerifier = passwordVerifier;
    this.tokenVerifier = tokenVerifier;
    this.policyBuilder = new PolicyBuilder(config.policy());
    this.clock = clock;
  }

  @Override
  public Decision decide(byte[] event, Invocation invocation) {
    Trace trace = new Trace();
    try {
      AuthorizerResponse allow = authorize(event, invocation, trace);
      return new Decision(allow, trace.record(invocation, Optional.empty(), Optional.empty(),
          Optional.of(allow.principalId())));
    } catch (Denied denied) {
      return deny(trace, invocation, denied.reason(), denied.detail());
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return deny(trace, invocation, DenialReason.INTERNAL_ERROR, Optional.of(e.getClass().getName()));
    }
  }

  private AuthorizerResponse authorize(byte[] event, Invocation invocation, Trace trace) throws Denied {
    AuthorizerEvent parsed = EventParser.parse(event);
    trace.connectionId = parsed.connectionId();
    AuthorizerEvent.Mqtt mqtt = parsed.mqtt().orElseThrow(() -> new Denied(DenialReason.NOT_MQTT));
    trace.clientId = mqtt.clientId();
    trace.username = mqtt.username().map(u -> u.indexOf('?') < 0 ? u : u.substring(0, u.indexOf('?')));
    String username = CredentialDecoder.username(mqtt.username());
    trace.username = Optional.of(username);
    String secret = CredentialDecoder.password(mqtt.passwordBase64());
    AuthMode mode = mode(secret);
    trace.mode = Optional.of(mode.code());
    ResourceScope scope = scope(invocation);
    Duration timeout = timeout(invocation);

    CredentialVerifier verifier = (mode == AuthMode.TOKEN ? tokenVerifier : passwordVerifier).orElseThrow();
    Identity identity = verifier.verify(username, secret, timeout);
    String principalId = PrincipalId.fromSub(identity.sub())
        .orElseThrow(() -> new Denied(DenialReason.IDENTITY_UNSAFE, "sub is not a UUID"));
    List<String> policyDocuments = policyBuilder.build(identity, scope);
    SessionIntervals intervals = SessionIntervals.of(config.disconnectAfterSeconds(),
        config.refreshAfterSeconds(), identity.expiresAt(), clock.instant());
    return AuthorizerResponse.allow(principalId, intervals.disconnectAfterSeconds(),
        intervals.refreshAfterSeconds(), policyDocuments);
  }

  /** Token mode takes what looks like a JWT when enabled; password mode takes the rest when enabled. */
  private AuthMode mode(String secret) throws Denied {
    if (config.modes().contains(AuthMode.TOKEN) && JwtShape.looksLikeJwt(secret)) {
      return AuthMode.TOKEN;
    }
    if (config.modes().contains(AuthMode.PASSWORD)) {
      return AuthMode.PASSWORD;
    }
    throw new Denied(DenialReason.NOT_A_TOKEN, "only token mode is enabled");
  }

  private ResourceScope scope(Invocation invocation) throws Denied {
    Optional<String> account = config.account().or(invocation::account);
    if (account.isEmpty()) {
      throw new Denied(DenialReason.CONFIG_INVALID, "AWS_ACCOUNT_ID is not set and the invocation has no function ARN");
    }
    String partition = config.partition().or(invocation::partition).orElse("aws");
    return new ResourceScope(partition, config.region(), account.get());
  }

  private Duration timeout(Invocation invocation) throws Denied {
    Duration timeout = config.cognitoTimeout();
    if (invocation.timeLeft().isPresent()) {
      Duration usable = invocation.timeLeft().get().minus(RESPONSE_MARGIN);
      if (usable.compareTo(timeout) < 0) {
        timeout = usable;
      }
    }
    if (timeout.compareTo(MIN_CALL_TIME) < 0) {
      throw new Denied(DenialReason.NO_TIME_LEFT, invocation.timeLeft().map(Duration::toMillis) + " ms left");
    }
    return timeout;
  }

  private static Decision deny(Trace trace, Invocation invocation, DenialReason reason, Optional<String> detail) {
    return new Decision(AuthorizerResponse.DENY,
        trace.record(invocation, Optional.of(reason), detail, Optional.empty()));
  }

  /** What is known so far about the connection, for the log line. */
  private static final class Trace {
    Optional<String> connectionId = Optional.empty();
    Optional<String> username = Optional.empty();
    Optional<String> clientId = Optional.empty();
    Optional<String> mode = Optional.empty();

    DecisionRecord record(Invocation invocation, Optional<DenialReason> reason, Optional<String> detail,
        Optional<String> principalId) {
      return new DecisionRecord(connectionId, invocation.requestId(), username, clientId, mode, reason,
          detail, principalId);
    }
  }
}
