package io.edgegateway.authorizer;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the runtime tells about one invocation: its request id, the invoked function's ARN (where the
 * account and partition can come from) and the time left before the runtime gives up.
 */
public record Invocation(String requestId, Optional<String> functionArn, Optional<Duration> timeLeft) {
  private static final Pattern LAMBDA_ARN =
      Pattern.compile("arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\\d{12}):function:[^:]+(:.+)?");

  public Invocation {
    requestId = requestId == null ? "" : requestId;
  }

  public static Invocation of(String requestId) {
    return new Invocation(requestId, Optional.empty(), Optional.empty());
  }

  /** The 12-digit account of the invoked function, when its ARN is known. */
  public Optional<String> account() {
    return arnGroup(3);
  }

  /** The partition ({@code aws}, {@code aws-cn}, ...) of the invoked function, when its ARN is known. */
  public Optional<String> partition() {
    return arnGroup(1);
  }

  private Optional<String> arnGroup(int group) {
    return functionArn.map(LAMBDA_ARN::matcher).filter(Matcher::matches).map(m -> m.group(group));
  }
}
