package io.edgegateway.authorizer;

import io.edgegateway.authorizer.identity.Identity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A credential verifier that answers as the test says and remembers what it was asked. */
public final class FakeVerifier implements CredentialVerifier {
  public static final String SUB = "77d5c30c-ce65-46f5-898b-acedae51dadf";

  public interface Answer {
    Identity answer(String username) throws Denied;
  }

  public final List<String> secrets = new CopyOnWriteArrayList<>();
  public final List<Duration> timeouts = new CopyOnWriteArrayList<>();
  private final Answer answer;

  public FakeVerifier(Answer answer) {
    this.answer = answer;
  }

  /** Accepts anyone, as the username they gave, with {@link #SUB}. */
  public static FakeVerifier accepting() {
    return new FakeVerifier(username -> new Identity(username, SUB, List.of(), Optional.empty()));
  }

  public static FakeVerifier denying(DenialReason reason) {
    return new FakeVerifier(username -> {
      throw new Denied(reason);
    });
  }

  @Override
  public Identity verify(String username, String secret, Duration timeout) throws Denied {
    secrets.add(secret);
    timeouts.add(timeout);
    return answer.answer(username);
  }
}
