package io.edgegateway.authorizer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgegateway.authorizer.DenialReason;
import io.edgegateway.authorizer.Denied;
import io.edgegateway.authorizer.Events;
import io.edgegateway.authorizer.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyBuilderTest {
  static final String SUB = "77d5c30c-ce65-46f5-898b-acedae51dadf";
  static final ResourceScope SCOPE = new ResourceScope("aws", "eu-west-1", "123456789012");

  static Grants grants(List<String> clientIds, List<String> publish, List<String> receive, List<String> subscribe,
      List<String> retain) {
    return new Grants(t(clientIds), t(publish), t(receive), t(subscribe), t(retain));
  }

  static List<ResourceTemplate> t(List<String> texts) {
    return texts.stream().map(ResourceTemplate::of).toList();
  }

  static final Grants DEFAULTS = grants(List.of("${username}"), List.of("dt/${username}/*"),
      List.of("cmd/${username}/*"), List.of("cmd/${username}/*"), List.of());

  static Identity identity(String username, String... groups) {
    return new Identity(username, SUB, List.of(groups), Optional.empty());
  }

  @Test
  void defaultPolicyIsScopedToTheIdentity() throws Denied {
    List<String> documents = new PolicyBuilder(new PolicySettings(DEFAULTS, Map.of()))
        .build(identity("alice"), SCOPE);
    assertThat(documents).containsExactly("{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":[\"arn:aws:iot:eu-west-1:123456789012:client/alice\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":[\"arn:aws:iot:eu-west-1:123456789012:topic/dt/alice/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":\"iot:Receive\",\"Resource\":[\"arn:aws:iot:eu-west-1:123456789012:topic/cmd/alice/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":\"iot:Subscribe\",\"Resource\":[\"arn:aws:iot:eu-west-1:123456789012:topicfilter/cmd/alice/*\"]}]}");
  }

  @Test
  void scopeComesFromTheResourceScope() throws Denied {
    List<String> documents = new PolicyBuilder(new PolicySettings(DEFAULTS, Map.of()))
        .build(identity("alice"), new ResourceScope("aws-cn", "cn-north-1", "210987654321"));
    assertThat(resources(documents)).allMatch(arn -> arn.startsWith("arn:aws-cn:iot:cn-north-1:210987654321:"));
  }

  @Test
  void clientIdsMayBeTheUsernamePlusASuffix() throws Denied {
    Grants grants = grants(List.of("${username}", "${username}-*"), List.of(), List.of(), List.of(), List.of());
    List<String> documents = new PolicyBuilder(new PolicySettings(grants, Map.of())).build(identity("gw-7"), SCOPE);
    assertThat(resources(documents)).containsExactly("arn:aws:iot:eu-west-1:123456789012:client/gw-7",
        "arn:aws:iot:eu-west-1:123456789012:client/gw-7-*");
  }

  @Test
  void subAndIotPolicyVariablesAreFilledInOrLeftForIotCore() throws Denied {
    Grants grants = grants(List.of("${iot:ClientId}"), List.of("users/${sub}/*"), List.of(), List.of(),
        List.of("dt/${username}/state"));
    List<String> documents = new PolicyBuilder(new PolicySettings(grants, Map.of())).build(identity("bob"), SCOPE);
    assertThat(resources(documents)).containsExactly(
        "arn:aws:iot:eu-west-1:123456789012:client/${iot:ClientId}",
        "arn:aws:iot:eu-west-1:123456789012:topic/users/" + SUB + "/*",
        "arn:aws:iot:eu-west-1:123456789012:topic/dt/bob/state");
    assertThat(documents.get(0)).contains("\"Action\":\"iot:RetainPublish\"");
  }

  @Test
  void groupGrantsAreAddedOnlyForTheIdentitysGroups() throws Denied {
    Map<String, Grants> groups = Map.of(
        "fleet-admins", grants(List.of(), List.of("fleet/*"), List.of("fleet/*"), List.of("fleet/*"), List.of()),
        "auditors", grants(List.of(), List.of(), List.of("audit/*"), List.of(), List.of()));
    PolicyBuilder builder = new PolicyBuilder(new PolicySettings(DEFAULTS, groups));

    List<String> admin = resources(builder.build(identity("alice", "fleet-admins", "unconfigured"), SCOPE));
    assertThat(admin).contains("arn:aws:iot:eu-west-1:123456789012:topic/fleet/*",
        "arn:aws:iot:eu-west-1:123456789012:topicfilter/fleet/*");
    assertThat(admin).noneMatch(arn -> arn.contains("audit"));

    List<String> plain = resources(builder.build(identity("bob"), SCOPE));
    assertThat(plain).noneMatch(arn -> arn.contains("fleet") || arn.contains("audit"));
  }

  @Test
  void aGrantInBothBaseAndGroupAppearsOnce() throws Denied {
    Map<String, Grants> groups = Map.of("g", grants(List.of("${username}"), List.of("dt/${username}/*"),
        List.of(), List.of(), List.of()));
    List<String> arns = resources(new PolicyBuilder(new PolicySettings(DEFAULTS, groups))
        .build(identity("alice", "g"), SCOPE));
    assertThat(arns).doesNotHaveDuplicates().hasSize(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "dev*", "a?b", "a/b", "a+b", "a#b", "$aws", "${iot:ClientId}", "a b", "", "ü",
      "a\"b", "a:b"})
  void identityWithCharactersOutsideTheSafeSetIsNeverEmbedded(String username) {
    PolicyBuilder builder = new PolicyBuilder(new PolicySettings(DEFAULTS, Map.of()));
    assertThatThrownBy(() -> builder.build(identity(username), SCOPE)).isInstanceOfSatisfying(Denied.class,
        denied -> assertThat(denied.reason()).isEqualTo(DenialReason.IDENTITY_UNSAFE));
  }

  @Test
  void unsafeSubIsNeverEmbedded() {
    PolicyBuilder builder = new PolicyBuilder(new PolicySettings(DEFAULTS, Map.of()));
    Identity identity = new Identity("alice", "abc/*", List.of(), Optional.empty());
    assertThatThrownBy(() -> builder.build(identity, SCOPE)).isInstanceOfSatisfying(Denied.class,
        denied -> assertThat(denied.reason()).isEqualTo(DenialReason.IDENTITY_UNSAFE));
  }

  @Test
  void largePoliciesAreSplitIntoDocumentsWithinIotCoreLimits() throws Denied {
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      topics.add("site/${username}/sensor-" + i + "/*");
    }
    Grants grants = grants(List.of("${username}"), topics, topics, topics, List.of());
    String username = "u".repeat(128);
    List<String> documents = new PolicyBuilder(new PolicySettings(grants, Map.of()))
        .build(identity(username), SCOPE);
    assertThat(documents).hasSizeBetween(2, PolicyDocumentPacker.MAX_DOCUMENTS);
    assertThat(documents).allSatisfy(d -> assertThat(d.length()).isLessThanOrEqualTo(2048));
    assertThat(resources(documents)).hasSize(1 + 3 * 15);
  }

  @Test
  void aPolicyThatCannotFitDenies() {
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      topics.add("site/${username}/sensor-" + i + "/*");
    }
    Grants grants = grants(List.of("${username}"), topics, topics, List.of(), List.of());
    PolicyBuilder builder = new PolicyBuilder(new PolicySettings(grants, Map.of()));
    assertThatThrownBy(() -> builder.build(identity("u".repeat(100)), SCOPE)).isInstanceOfSatisfying(Denied.class,
        denied -> assertThat(denied.reason()).isEqualTo(DenialReason.POLICY_TOO_LARGE));
  }

  /** Every resource ARN of every statement, in order, read back from the JSON. */
  @SuppressWarnings("unchecked")
  static List<String> resources(List<String> documents) {
    return documents.stream().flatMap(document -> {
      Map<String, Object> parsed = Events.parse(document);
      assertThat(parsed.get("Version")).isEqualTo("2012-10-17");
      return ((List<Map<String, Object>>) parsed.get("Statement")).stream().flatMap(statement -> {
        assertThat(statement.get("Effect")).isEqualTo("Allow");
        return ((List<String>) statement.get("Resource")).stream();
      });
    }).flatMap(Stream::of).toList();
  }
}
