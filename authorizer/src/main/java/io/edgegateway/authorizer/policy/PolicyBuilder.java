package io.edgegateway.authorizer.policy;

import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.identity.Identity;
import io.edgegateway.authorizer.identity.SafeName;
import io.edgegateway.authorizer.policy.PolicyDocumentPacker.Permission;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the policy documents for one authenticated identity from the configured grants: the base
 * grants plus those of each of the identity's Cognito groups that has some. The identity's username and
 * sub are checked against {@link SafeName} before they are put into any resource.
 */
public final class PolicyBuilder {
  private final PolicySettings settings;

  public PolicyBuilder(PolicySettings settings) {
    this.settings = settings;
  }

  public List<String> build(Identity identity, ResourceScope scope) throws Denied {
    if (!SafeName.isSafe(identity.username())) {
      throw new Denied(DenialReason.IDENTITY_UNSAFE, "username outside " + SafeName.DESCRIPTION);
    }
    if (!SafeName.isSafe(identity.sub())) {
      throw new Denied(DenialReason.IDENTITY_UNSAFE, "sub outside " + SafeName.DESCRIPTION);
    }
    Grants grants = settings.base();
    for (String group : identity.groups()) {
      Grants extra = settings.groupGrants().get(group);
      if (extra != null) {
        grants = grants.plus(extra);
      }
    }
    List<Permission> permissions = new ArrayList<>();
    add(permissions, "iot:Connect", "client", grants.clientIds(), identity, scope);
    add(permissions, "iot:Publish", "topic", grants.publish(), identity, scope);
    add(permissions, "iot:Receive", "topic", grants.receive(), identity, scope);
    add(permissions, "iot:Subscribe", "topicfilter", grants.subscribe(), identity, scope);
    add(permissions, "iot:RetainPublish", "topic", grants.retainPublish(), identity, scope);
    return PolicyDocumentPacker.pack(permissions);
  }

  private static void add(List<Permission> permissions, String action, String resourceType,
      List<ResourceTemplate> templates, Identity identity, ResourceScope scope) {
    for (ResourceTemplate template : templates) {
      String value = template.expand(identity.username(), identity.sub());
      permissions.add(new Permission(action, scope.arn(resourceType, value)));
    }
  }
}
