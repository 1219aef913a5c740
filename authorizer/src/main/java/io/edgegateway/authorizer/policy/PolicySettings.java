package io.edgegateway.authorizer.policy;

import java.util.Map;
import java.util.Objects;

/** The grants every authenticated identity gets, and the extra grants of members of some Cognito groups. */
public record PolicySettings(Grants base, Map<String, Grants> groupGrants) {
  public PolicySettings {
    Objects.requireNonNull(base);
    groupGrants = Map.copyOf(groupGrants);
  }
}
