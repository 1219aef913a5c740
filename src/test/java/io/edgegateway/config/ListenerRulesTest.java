package io.edgegateway.config;

import static io.edgegateway.config.ConfigTesting.parse;
import static io.edgegateway.config.ConfigTesting.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerRulesTest {

  @Test
  void listenerNamesAreUnique() {
    assertThat(problems("""
        listeners:
          - name: lan
            port: 1883
          - name: lan
            port: 1884
        """)).containsExactly(
        "gw.yaml:4: listeners[1].name: \"lan\" is already the name of listeners[0]; listener names must be unique");
  }

  @Test
  void clashingDefaultNamesAskForExplicitNames() {
    assertThat(problems("""
        listeners:
          - port: 0
          - port: 0
        """)).containsExactly(
        "gw.yaml:3: listeners[1]: its default name \"tcp-0\" is already the name of listeners[0]; "
            + "give the listeners distinct names");
  }

  @Test
  void twoListenersMayNotBindTheSameAddressAndPort() {
    assertThat(problems("""
        listeners:
          - name: a
          - name: b
            type: ws
            port: 1883
        """)).containsExactly(
        "gw.yaml:5: listeners[1].port: 127.0.0.1:1883 clashes with listeners[0] (a) on 127.0.0.1:1883; "
            + "two listeners cannot bind the same address and port");
  }

  @Test
  void aWildcardAddressClashesWithEveryAddressOnThatPort() {
    assertThat(problems("""
        listeners:
          - name: all
            host: "::"
            allowAnonymous: true
          - name: local
            host: 127.0.0.1
            port: 1883
        """)).containsExactly(
        "gw.yaml:7: listeners[1].port: 127.0.0.1:1883 clashes with listeners[0] (all) on [::]:1883; "
            + "two listeners cannot bind the same address and port");
  }

  @Test
  void differentAddressesOrPortsDoNotClash() {
    GatewayConfig config = parse("""
        listeners:
          - name: v4
            host: 127.0.0.1
          - name: v6
            host: "::1"
          - name: other-port
            port: 1884
        """);

    assertThat(config.listeners()).hasSize(3);
  }

  @Test
  void refusingAnonymousDevicesWithoutAPasswordFileIsAnError() {
    assertThat(problems("""
        listeners:
          - name: lan
            allowAnonymous: false
        """)).containsExactly(
        "gw.yaml:3: listeners[0].allowAnonymous: is false but auth.passwordFile is not set, so no device could "
            + "ever connect to this listener; set auth.passwordFile (see config/passwd.example) or allow "
            + "anonymous access");
  }

  @Test
  void theNonLoopbackDefaultExplainsItselfWhenThereIsNoPasswordFile() {
    assertThat(problems("""
        listeners:
          - name: lan
            host: 0.0.0.0
        """)).containsExactly(
        "gw.yaml:3: listeners[0]: refuses anonymous devices, the default for 0.0.0.0 because it is not a "
            + "loopback address, but auth.passwordFile is not set, so no device could ever connect; set "
            + "auth.passwordFile (see config/passwd.example), or set allowAnonymous: true to accept devices "
            + "without credentials");
  }

  @Test
  void theRuleIsJudgedAfterEnvironmentOverrides() {
    assertThat(problems("", Map.of("EDGE_GATEWAY_LISTENERS_0_HOST", "0.0.0.0"))).singleElement().asString()
        .startsWith("environment EDGE_GATEWAY_LISTENERS_0_HOST: listeners[0]: refuses anonymous devices");
    assertThat(parse("", Map.of("EDGE_GATEWAY_LISTENERS_0_HOST", "0.0.0.0",
        "EDGE_GATEWAY_LISTENERS_0_ALLOW_ANONYMOUS", "true")).listeners().get(0).allowAnonymous()).isTrue();
  }

  @Test
  void aRejectedValueIsNotReportedAgainByTheRules() {
    assertThat(problems("""
        listeners:
          - name: a
            port: 99999
          - name: a-b
            host: 0.0.0.0.0
        """)).containsExactly(
        "gw.yaml:3: listeners[0].port: must be between 0 and 65535, got 99999",
        "gw.yaml:5: listeners[1].host: is not a valid IPv4 address, got \"0.0.0.0.0\"");
  }
}
