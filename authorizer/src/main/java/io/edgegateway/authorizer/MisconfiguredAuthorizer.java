package io.edgegateway.authorizer;

import io.edgegateway.authorizer.log.DecisionRecord;
import io.edgegateway.authorizer.response.AuthorizerResponse;
import java.util.Optional;

/** What runs when the configuration could not be read: every event is denied, naming the problem. */
public final class MisconfiguredAuthorizer implements Authorizer {
  private final String problem;

  public MisconfiguredAuthorizer(String problem) {
    this.problem = problem;
  }

  @Override
  public Decision decide(byte[] event, Invocation invocation) {
    return new Decision(AuthorizerResponse.DENY, new DecisionRecord(Optional.empty(), invocation.requestId(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(DenialReason.CONFIG_INVALID),
        Optional.of(problem), Optional.empty()));
  }
}
