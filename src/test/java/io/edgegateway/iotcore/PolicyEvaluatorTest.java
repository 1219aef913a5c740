package io.edgegateway.iotcore;

import static io.edgegateway.iotcore.Policies.ARN;
import static io.edgegateway.iotcore.Policies.document;
import static io.edgegateway.iotcore.Policies.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  private static final Arns ARNS = new Arns(SimulatorOptions.DEFAULT_REGION, SimulatorOptions.DEFAULT_ACCOUNT);

  private static PolicyEvaluator policy(String... documents) {
    return PolicyEvaluator.parse(List.of(documents));
  }

  @Test
  void defaultDeny() {
    PolicyEvaluator p = policy(document(statement("Allow", "iot:Publish", ARN + "topic/a")));
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("a"), "c")).isTrue();
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("b"), "c")).isFalse();
    assertThat(p.allows(IotAction.RECEIVE, ARNS.topic("a"), "c")).isFalse();
    assertThat(PolicyEvaluator.denyAll().allows(IotAction.CONNECT, ARNS.client("c"), "c")).isFalse();
  }

  @Test
  void explicitDenyWinsAcrossDocuments() {
    PolicyEvaluator p = policy(document(statement("Allow", "iot:*", "*")),
        document(statement("Deny", "iot:Publish", ARN + "topic/secret/*")));
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("open/x"), "c")).isTrue();
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("secret/x"), "c")).isFalse();
    assertThat(p.allows(IotAction.RECEIVE, ARNS.topic("secret/x"), "c")).isTrue();
  }

  @Test
  void starAndQuestionMarkAreWildcardsInResourcesAndActions() {
    PolicyEvaluator p = policy(document(
        statement("Allow", "iot:P*", ARN + "topic/dt/?/data"),
        statement("Allow", "iot:Sub?cribe", ARN + "topicfilter/*")));
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("dt/a/data"), "c")).isTrue();
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("dt/ab/data"), "c")).isFalse();
    assertThat(p.allows(IotAction.SUBSCRIBE, ARNS.topicFilter("any/#"), "c")).isTrue();
    assertThat(p.allows(IotAction.RECEIVE, ARNS.topic("dt/a/data"), "c")).isFalse();
  }

  @Test
  void plusAndHashAreLiteralInResources() {
    PolicyEvaluator p = policy(document(
        statement("Allow", "iot:Subscribe", ARN + "topicfilter/cmd/+/x", ARN + "topicfilter/cmd/#"),
        statement("Allow", "iot:Publish", ARN + "topic/dt/#")));
    assertThat(p.allows(IotAction.SUBSCRIBE, ARNS.topicFilter("cmd/+/x"), "c")).isTrue();
    assertThat(p.allows(IotAction.SUBSCRIBE, ARNS.topicFilter("cmd/a/x"), "c")).isFalse();
    assertThat(p.allows(IotAction.SUBSCRIBE, ARNS.topicFilter("cmd/#"), "c")).isTrue();
    assertThat(p.allows(IotAction.SUBSCRIBE, ARNS.topicFilter("cmd/a"), "c")).isFalse();
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("dt/a"), "c")).isFalse();
  }

  @Test
  void clientIdVariableIsSubstitutedLiterally() {
    PolicyEvaluator p = policy(document(
        statement("Allow", "iot:Connect", ARN + "client/${iot:ClientId}"),
        statement("Allow", "iot:Publish", ARN + "topic/dt/${iot:ClientId}/*")));
    assertThat(p.allows(IotAction.CONNECT, ARNS.client("gw1"), "gw1")).isTrue();
    assertThat(p.allows(IotAction.CONNECT, ARNS.client("gw2"), "gw1")).isFalse();
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("dt/gw1/t"), "gw1")).isTrue();
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("dt/gw2/t"), "gw1")).isFalse();
    // a client id with wildcard characters matches only itself
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("dt/gwX/t"), "gw?")).isFalse();
    assertThat(p.allows(IotAction.PUBLISH, ARNS.topic("dt/gw?/t"), "gw?")).isTrue();
  }

  @Test
  void thingVariablesHaveNoValueUnderCustomAuth() {
    PolicyEvaluator p = policy(document(
        statement("Allow", "iot:Connect", ARN + "client/${iot:Connection.Thing.ThingName}")));
    assertThat(p.allows(IotAction.CONNECT, ARNS.client("gw1"), "gw1")).isFalse();
  }

  @Test
  void actionsAndResourcesMayBeStringsOrLists() {
    String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:Publish\","
        + "\"iot:Receive\"],\"Resource\":\"" + ARN + "topic/a\"},{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\","
        + "\"Resource\":[\"" + ARN + "client/x\"]}]}";
    PolicyEvaluator p = policy(json);
    assertThat(p.allows(IotAction.RECEIVE, ARNS.topic("a"), "x")).isTrue();
    assertThat(p.allows(IotAction.CONNECT, ARNS.client("x"), "x")).isTrue();
  }

  @Test
  void aConditionNeverWidensAccess() {
    String json = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\","
        + "\"Condition\":{\"Bool\":{\"x\":\"true\"}}}]}";
    assertThat(policy(json).allows(IotAction.PUBLISH, ARNS.topic("a"), "x")).isFalse();
  }

  @Test
  void malformedDocumentsAreRejected() {
    assertThatThrownBy(() -> policy("[]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
