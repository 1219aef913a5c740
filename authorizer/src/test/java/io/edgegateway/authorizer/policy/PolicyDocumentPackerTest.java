package io.edgegateway.authorizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.policy.PolicyDocumentPacker.Permission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentPackerTest {

  @Test
  void consecutiveResourcesOfOneActionShareAStatement() throws Denied {
    List<String> documents = PolicyDocumentPacker.pack(List.of(
        new Permission("iot:Publish", "arn:a"), new Permission("iot:Publish", "arn:b"),
        new Permission("iot:Receive", "arn:c")));
    assertThat(documents).containsExactly("{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":[\"arn:a\",\"arn:b\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":\"iot:Receive\",\"Resource\":[\"arn:c\"]}]}");
  }

  @Test
  void aDocumentThatWouldGrowTooLongIsClosedAndTheNextStarted() throws Denied {
    List<Permission> permissions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      permissions.add(new Permission("iot:Publish", "arn:topic/" + i));
    }
    List<String> documents = PolicyDocumentPacker.pack(permissions, 10, 200);
    assertThat(documents).hasSizeGreaterThan(1).allSatisfy(d -> assertThat(d.length()).isLessThanOrEqualTo(200));
    String all = String.join("", documents);
    for (int i = 0; i < 10; i++) {
      assertThat(all).containsOnlyOnce("\"arn:topic/" + i + "\"");
    }
  }

  @Test
  void moreDocumentsThanAllowedDenies() {
    List<Permission> permissions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      permissions.add(new Permission("iot:Publish", "arn:topic/" + i));
    }
    assertThatThrownBy(() -> PolicyDocumentPacker.pack(permissions, 2, 200)).isInstanceOfSatisfying(Denied.class,
        denied -> assertThat(denied.reason()).isEqualTo(DenialReason.POLICY_TOO_LARGE));
  }

  @Test
  void aSingleResourceTooLongForADocumentDenies() {
    assertThatThrownBy(() -> PolicyDocumentPacker.pack(List.of(new Permission("iot:Publish", "x".repeat(300))), 10, 200))
        .isInstanceOfSatisfying(Denied.class,
            denied -> assertThat(denied.reason()).isEqualTo(DenialReason.POLICY_TOO_LARGE));
  }

  @Test
  void noPermissionsGiveNoDocuments() throws Denied {
    assertThat(PolicyDocumentPacker.pack(List.of())).isEmpty();
  }
}
