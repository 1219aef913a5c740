package io.edgegateway.route;

import static io.edgegateway.route.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static Router router() throws RuleException {
    return new Router(
        List.of(
            ForwardRule.compile(0, "sensors/secret/#", "never/${topic}", 1, null, "gw"),
            ForwardRule.compile(1, "sensors/#", "dt/${gatewayId}/${clientId}/${topic[1:]}", 1, null, "gw"),
            ForwardRule.compile(2, "+/status", "status/${topic[0]}", 0, "status_rule", "gw")),
        List.of(
            DownlinkRule.compile(0, "cmd/${gatewayId}/reboot", "system/reboot", 1, "gw"),
            DownlinkRule.compile(1, "cmd/${gatewayId}/#", "commands/${topic[2:]}", 0, "gw"),
            DownlinkRule.compile(2, "cmd/${gatewayId}/#", "copy/${topic}", 1, "gw")));
  }

  @Test
  void theFirstMatchingForwardRuleDecides() throws Exception {
    Router router = router();

    assertThat(router.forward(message("sensors/secret/x", "d", null)))
        .isInstanceOfSatisfying(Route.Forward.class, f -> assertThat(f.ruleIndex()).isZero());
    assertThat(router.forward(message("sensors/kitchen/temp", "d1", null)))
        .isInstanceOfSatisfying(Route.Forward.class, f -> {
          assertThat(f.topic()).isEqualTo("dt/gw/d1/kitchen/temp");
          assertThat(f.ruleIndex()).isEqualTo(1);
          assertThat(f.deviceClientId()).isEqualTo("d1");
        });
    assertThat(router.forward(message("pump/status", "d", null)))
        .isInstanceOfSatisfying(Route.Forward.class, f -> {
          assertThat(f.topic()).isEqualTo("$aws/rules/status_rule/status/pump");
          assertThat(f.qos()).isZero();
        });
  }

  @Test
  void aTopicNoRuleMatchesStaysLocal() throws Exception {
    assertThat(router().forward(message("lights/on", "d", null))).isSameAs(Route.LOCAL);
    assertThat(Router.localOnly().forward(message("sensors/a", "d", null))).isSameAs(Route.LOCAL);
  }

  @Test
  void aRefusalByTheMatchingRuleIsNotPassedToLaterRules() throws Exception {
    Router router = new Router(List.of(
        ForwardRule.compile(0, "#", "u/${username}", 1, null, "gw"),
        ForwardRule.compile(1, "#", "all/${topic}", 1, null, "gw")), List.of());

    assertThat(router.forward(message("a", "d", null))).isInstanceOfSatisfying(Route.Refuse.class,
        r -> assertThat(r.ruleIndex()).isZero());
  }

  @Test
  void downlinkByTheFirstMatchingRule() throws Exception {
    Router router = router();

    assertThat(router.downlink("cmd/gw/reboot")).contains(new LocalDelivery("system/reboot", 1, 0));
    assertThat(router.downlink("cmd/gw/valve/open")).contains(new LocalDelivery("commands/valve/open", 0, 1));
    assertThat(router.downlink("cmd/other/valve")).isEmpty();
    assertThat(router.downlink("cmd/gw")).isEmpty();
  }

  @Test
  void eachUpstreamFilterIsSubscribedOnceWithTheHighestQos() throws Exception {
    assertThat(router().upstreamSubscriptions()).containsExactly(
        new UpstreamSubscription("cmd/gw/reboot", 1),
        new UpstreamSubscription("cmd/gw/#", 1));
    assertThat(Router.localOnly().upstreamSubscriptions()).isEmpty();
  }

  @Test
  void theRulesAreKeptInOrder() throws Exception {
    Router router = router();

    assertThat(router.forwardRules()).extracting(ForwardRule::index).containsExactly(0, 1, 2);
    assertThat(router.downlinkRules()).extracting(DownlinkRule::index).containsExactly(0, 1, 2);
  }
}
