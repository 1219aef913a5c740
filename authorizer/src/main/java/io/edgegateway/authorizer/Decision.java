package io.edgegateway.authorizer;

import io.edgegateway.authorizer.log.DecisionRecord;
import io.edgegateway.authorizer.response.AuthorizerResponse;
import java.util.Objects;

/** The response for IoT Core and what the log line says about it; both say allow, or both say deny. */
public record Decision(AuthorizerResponse response, DecisionRecord record) {
  public Decision {
    Objects.requireNonNull(response);
    Objects.requireNonNull(record);
    if (response.isAuthenticated() != record.allowed()) {
      throw new IllegalArgumentException("the response and the log record disagree");
    }
  }
}
