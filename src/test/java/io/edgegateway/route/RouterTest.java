package io.edgegateway.route;

import static io.edgegateway.route.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** A router of {@code upstream.identity: device}: rule 1 names the device by client id, rule 2 by username. */
  private static Router perDevice() throws RuleException {
    return Router.perDevice(
        List.of(ForwardRule.compile(0, "sensors/#", "dt/${clientId}/${topic[1:]}", 1, null, "gw")),
        List.of(
            DownlinkRuleTemplate.compile(0, "cmd/${gatewayId}/all", "broadcast", 0, "gw"),
            DownlinkRuleTemplate.compile(1, "cmd/${clientId}/#", "commands/${topic[1]}/${topic[2:]}", 1, "gw"),
            DownlinkRuleTemplate.compile(2, "users/${username}/+", "mail/${topic[2]}", 0, "gw")));
  }

  @Test
  void aDevicesRouterSubscribesToItsOwnFiltersAndRoutesWhatArrives() throws Exception {
    Router.DeviceRoutes routes = perDevice().forDevice("pump-1", "alice");
    Router router = routes.router();

    assertThat(routes.problems()).isEmpty();
    assertThat(router.upstreamSubscriptions()).containsExactly(
        new UpstreamSubscription("cmd/gw/all", 0),
        new UpstreamSubscription("cmd/pump-1/#", 1),
        new UpstreamSubscription("users/alice/+", 0));
    assertThat(router.downlink("cmd/pump-1/valve/open")).contains(new LocalDelivery("commands/pump-1/valve/open", 1, 1));
    assertThat(router.downlink("cmd/pump-2/valve/open")).isEmpty();
    assertThat(router.downlink("users/alice/note")).contains(new LocalDelivery("mail/note", 0, 2));
    assertThat(router.downlink("cmd/gw/all")).contains(new LocalDelivery("broadcast", 0, 0));
    assertThat(router.forward(message("sensors/a/b", "pump-1", "alice")))
        .isInstanceOfSatisfying(Route.Forward.class, f -> assertThat(f.topic()).isEqualTo("dt/pump-1/a/b"));
  }

  @Test
  void eachDeviceGetsItsOwnFiltersFromTheSameRouter() throws Exception {
    Router router = perDevice();

    assertThat(router.forDevice("a", "u1").router().upstreamSubscriptions()).extracting(UpstreamSubscription::filter)
        .containsExactly("cmd/gw/all", "cmd/a/#", "users/u1/+");
    assertThat(router.forDevice("b", "u2").router().upstreamSubscriptions()).extracting(UpstreamSubscription::filter)
        .containsExactly("cmd/gw/all", "cmd/b/#", "users/u2/+");
    assertThat(router.forDevice("a", "u1").router().forDevice("b", "u2").router().upstreamSubscriptions())
        .extracting(UpstreamSubscription::filter).containsExactly("cmd/gw/all", "cmd/b/#", "users/u2/+");
  }

  @Test
  void theSharedRouterOfDeviceIdentityHoldsOnlyTheRulesThatNameNoDevice() throws Exception {
    assertThat(perDevice().upstreamSubscriptions()).containsExactly(new UpstreamSubscription("cmd/gw/all", 0));
    assertThat(perDevice().downlinkRules()).extracting(DownlinkRule::index).containsExactly(0);
  }

  @ParameterizedTest(name = "username {0}")
  @ValueSource(strings = {"+", "a+b", "#", "al/ice", ""})
  void aUsernameThatWouldChangeTheFilterLeavesItsRuleOutWithAReason(String username) throws Exception {
    Router.DeviceRoutes routes = perDevice().forDevice("pump-1", username);

    assertThat(routes.router().upstreamSubscriptions()).extracting(UpstreamSubscription::filter)
        .containsExactly("cmd/gw/all", "cmd/pump-1/#");
    assertThat(routes.router().downlinkRules()).extracting(DownlinkRule::index).containsExactly(0, 1);
    assertThat(routes.problems()).singleElement().asString()
        .startsWith("downlink[2] (filter users/${username}/+) is left out for this device: the device's username ")
        .contains(username.isEmpty() ? "is empty" : "cannot stand in one topic level");
  }

  @Test
  void aDeviceWithoutAUsernameGetsNoRuleThatUsesIt() throws Exception {
    Router.DeviceRoutes routes = perDevice().forDevice("pump-1", null);

    assertThat(routes.router().downlinkRules()).extracting(DownlinkRule::index).containsExactly(0, 1);
    assertThat(routes.problems()).containsExactly("downlink[2] (filter users/${username}/+) is left out for this "
        + "device: the device connected without a username (anonymously), and the topic template uses ${username}");
  }

  @Test
  void aClientIdWithAWildcardLeavesItsRuleOut() throws Exception {
    Router.DeviceRoutes routes = perDevice().forDevice("#", "alice");

    assertThat(routes.router().upstreamSubscriptions()).extracting(UpstreamSubscription::filter)
        .containsExactly("cmd/gw/all", "users/alice/+");
    assertThat(routes.router().downlink("cmd/x/y")).isEmpty();
    assertThat(routes.problems()).containsExactly("downlink[1] (filter cmd/${clientId}/#) is left out for this "
        + "device: the device's client id contains '#', which cannot stand in one topic level");
  }

  @Test
  void aValueThatMakesTheFilterTooLongOrReservedLeavesItsRuleOut() throws Exception {
    Router router = Router.perDevice(List.of(), List.of(
        DownlinkRuleTemplate.compile(0, "${clientId}/cmd", "c", 1, "gw"),
        DownlinkRuleTemplate.compile(1, "c/${username}", "u", 1, "gw")));

    Router.DeviceRoutes routes = router.forDevice("$aws", "u".repeat(300));

    assertThat(routes.router().upstreamSubscriptions()).isEmpty();
    assertThat(routes.problems()).containsExactly(
        "downlink[0] (filter ${clientId}/cmd) is left out for this device: the filter $aws/cmd would start with "
            + "'$', which names IoT Core's reserved topics",
        "downlink[1] (filter c/${username}) is left out for this device: the filter c/" + "u".repeat(300)
            + " is 302 bytes long in UTF-8; IoT Core allows 256");
  }

  @Test
  void aDeviceGetsAtMostFiftyDistinctFilters() throws Exception {
    List<DownlinkRuleTemplate> rules = new java.util.ArrayList<>();
    for (int i = 0; i < 52; i++) {
      rules.add(DownlinkRuleTemplate.compile(i, "cmd/${clientId}/" + i, "c", 1, "gw"));
    }
    rules.add(DownlinkRuleTemplate.compile(52, "cmd/${clientId}/0", "again", 1, "gw"));

    Router.DeviceRoutes routes = Router.perDevice(List.of(), rules).forDevice("d", "u");

    assertThat(routes.router().upstreamSubscriptions()).hasSize(IotCoreLimits.MAX_SUBSCRIPTIONS_PER_CONNECTION);
    assertThat(routes.router().downlinkRules()).extracting(DownlinkRule::index).hasSize(51).contains(52)
        .doesNotContain(50, 51);
    assertThat(routes.problems()).containsExactly(
        "downlink[50] (filter cmd/${clientId}/50) is left out for this device: the filter cmd/d/50 would be a "
            + "subscription beyond IoT Core's 50 per connection",
        "downlink[51] (filter cmd/${clientId}/51) is left out for this device: the filter cmd/d/51 would be a "
            + "subscription beyond IoT Core's 50 per connection");
  }

  @Test
  void aGatewayRouterIsTheSameForEveryDevice() throws Exception {
    Router router = router();

    Router.DeviceRoutes routes = router.forDevice("pump-1", "a+b");

    assertThat(routes.router()).isSameAs(router);
    assertThat(routes.problems()).isEmpty();
  }
}
