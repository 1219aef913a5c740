package io.edgegateway.ops;

import static io.edgegateway.upstream.UpstreamGateway.AUTHORIZER;
import static io.edgegateway.upstream.UpstreamGateway.CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.Gateway;
import io.edgegateway.config.ForwardRuleConfig;
import io.edgegateway.iotcore.Authorizers;
import io.edgegateway.iotcore.FixedAuthorizer;
import io.edgegateway.iotcore.Fixture;
import io.edgegateway.iotcore.IotCoreSimulator;
import io.edgegateway.iotcore.Policies;
import io.edgegateway.iotcore.SimulatorOptions;
import io.edgegateway.testing.Poll;
import io.edgegateway.testing.TestConfigs;
import io.edgegateway.testing.V5Device;
import io.edgegateway.upstream.LinkState;
import io.edgegateway.upstream.UpstreamGateway;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page as a person sees it: a real gateway, Paho devices, and Debian's Chromium rendering
 * {@code /} headless; the assertions read the DOM after the page's script ran. With
 * {@code -Dstatus.screenshots=DIR} each page is also saved as a PNG there, to look at.
 */
@ExtendWith(VertxExtension.class)
class StatusPageBrowserTest {

  private static final List<ForwardRuleConfig> FORWARD = List.of(
      new ForwardRuleConfig("sensors/#", "dt/${gatewayId}/${clientId}", 1, null, 0));

  @TempDir
  Path work;
  private IotCoreSimulator simulator;
  private FixedAuthorizer authorizer;
  private Gateway gateway;

  @BeforeAll
  static void chromium() {
    HeadlessChromium.requireInstalled();
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      Fixture.await(gateway.stop());
    }
    if (simulator != null) {
      Fixture.await(simulator.close());
    }
  }

  @Test
  void anUpstreamGatewayShowsItsLinkDevicesChartAndSpoolWithAnOddClientIdAsText(Vertx vertx) throws Exception {
    startUpstreamGateway(vertx);
    UpstreamGateway.reached(gateway, LinkState.CONNECTED).get(20, TimeUnit.SECONDS);

    try (V5Device odd = V5Device.connect(gateway.port("lan"), StatusJsonTest.ODD_CLIENT_ID);
        V5Device sensor = V5Device.connect(gateway.port("lan"), "sensor-1")) {
      odd.publish("local/odd", "1", 1, false);
      odd.publish("local/odd", "2", 1, false);
      sensor.publish("sensors/kitchen", "21.5", 1, false);
      Fixture.await(simulator.awaitArrivals(a -> true, 1));
      Poll.until(vertx, Duration.ofSeconds(10), "IoT Core's acknowledgement reached the spool",
          () -> gateway.spoolStats().orElseThrow().deleted() == 1);

      RenderedPage page = render("upstream");

      assertThat(page.textOf("gateway-id")).isEqualTo("test-gateway");
      assertThat(page.textOf("readiness")).isEqualTo("ready");
      assertThat(page.textsOfClass("client-id")).containsExactly(CLIENT_ID);
      assertThat(page.textsOfClass("state")).containsExactly("connected");
      assertThat(page.textOf("devices-connected")).isEqualTo("2");
      assertThat(page.textOf("devices-accepted")).isEqualTo("2");
      assertThat(page.textsOfClass("spool-messages")).containsExactly("0");
      assertThat(page.textsOfClass("local-only")).isEmpty();
      assertThat(page.textOf("mode")).isEmpty();

      // the odd client id: shown as text in the device table, not run, not turned into markup
      assertThat(page.textsOfClass("id")).containsExactly(StatusJsonTest.ODD_CLIENT_ID, "sensor-1");
      assertThat(page.html()).doesNotContain("pwned</script>", "<b>");
      assertThat(page.tags("script")).hasSize(1);
      assertThat(page.tags("title")).hasSize(1);
      assertThat(page.html()).contains("<title>Edge gateway test-gateway</title>");

      // the chart: a line per series, with points; the legend counts what was sent
      List<String> lines = page.tags("polyline");
      assertThat(lines).extracting(t -> RenderedPage.attribute(t, "data-series"))
          .containsExactly("fromDevices", "upstream", "downlink", "toDevices", "dropped");
      assertThat(lines).allSatisfy(t -> {
        int points = Integer.parseInt(RenderedPage.attribute(t, "data-points"));
        assertThat(points).isPositive();
        assertThat(RenderedPage.attribute(t, "points").split(" ")).hasSize(points);
      });
      assertThat(legend(page, "fromDevices")).startsWith("from devices: ").endsWith(", 3 in all");
      assertThat(legend(page, "upstream")).endsWith(", 1 in all");
      assertThat(legend(page, "dropped")).endsWith(", 0 in all");
    }
  }

  @Test
  void aDeniedLinkShowsItsErrorAndTheSpoolHoldsTheMessage(Vertx vertx) throws Exception {
    authorizer = FixedAuthorizer.allowing("gw1", Policies.everything());
    authorizer.deny();
    startUpstreamGateway(vertx);
    UpstreamGateway.reached(gateway, LinkState.DENIED).get(20, TimeUnit.SECONDS);
    try (V5Device sensor = V5Device.connect(gateway.port("lan"), "sensor-2")) {
      assertThat(sensor.publish("sensors/a", "1", 1, false).getReasonCodes()).containsExactly(0);

      RenderedPage page = render("denied");

      assertThat(page.textsOfClass("state")).containsExactly("denied");
      assertThat(page.textsOfClass("last-error")).singleElement().asString()
          .startsWith("Last error: ").contains("the authorizer denied user gw1");
      assertThat(page.textsOfClass("spool-messages")).containsExactly("1");
      assertThat(page.textOf("readiness")).as("an outage is what the spool is for").isEqualTo("ready");
      assertThat(page.textOf("devices-connected")).isEqualTo("1");
    }
  }

  @Test
  void aLocalOnlyGatewaySaysSoAndHasNoUpstreamOrSpool() throws Exception {
    gateway = Fixture.await(Gateway.start(OpsGateways.withOps(TestConfigs.anonymous())));
    try (V5Device device = V5Device.connect(gateway.port("lan"), "a&b <c>")) {
      device.publish("t", "x", 1, false);

      RenderedPage page = render("local-only");

      assertThat(page.textOf("gateway-id")).isEqualTo("test-gateway");
      assertThat(page.textOf("mode")).isEqualTo("local only");
      assertThat(page.tags("span").stream().filter(t -> t.contains("id=\"mode\""))).noneMatch(t -> t.contains("hidden"));
      assertThat(page.textsOfClass("local-only")).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("Local only"));
      assertThat(page.textsOfClass("state")).isEmpty();
      assertThat(page.textsOfClass("spool-messages")).isEmpty();
      assertThat(page.textOf("devices-connected")).isEqualTo("1");
      assertThat(page.textsOfClass("id")).containsExactly("a&b <c>");
      assertThat(page.tags("polyline")).extracting(t -> RenderedPage.attribute(t, "data-series"))
          .containsExactly("fromDevices", "toDevices", "dropped");
      assertThat(legend(page, "fromDevices")).endsWith(", 1 in all");
    }
  }

  private void startUpstreamGateway(Vertx vertx) throws Exception {
    if (authorizer == null) {
      authorizer = FixedAuthorizer.allowing("gw1", Policies.everything());
    }
    simulator = Fixture.start(vertx, SimulatorOptions.defaults(), Authorizers.single(AUTHORIZER, authorizer));
    gateway = UpstreamGateway.start(OpsGateways.withOps(UpstreamGateway.config(
        UpstreamGateway.upstream(simulator, UpstreamGateway.password("gw1", "pw-1")), null, FORWARD, List.of(),
        l -> l)));
  }

  private RenderedPage render(String name) throws Exception {
    String url = "http://127.0.0.1:" + gateway.opsPort().orElseThrow() + "/";
    HeadlessChromium chromium = new HeadlessChromium(work);
    String screenshots = System.getProperty("status.screenshots");
    if (screenshots != null) {
      chromium.screenshot(url, Path.of(screenshots).resolve("status-page-" + name + ".png"));
    }
    return new RenderedPage(chromium.dumpDom(url));
  }

  /** The legend's text for one series. */
  private static String legend(RenderedPage page, String series) {
    String html = page.html();
    int at = html.indexOf("<li data-series=\"" + series + "\"");
    assertThat(at).as("legend of " + series).isNotNegative();
    String item = html.substring(at, html.indexOf("</li>", at));
    return RenderedPage.unescape(item.replaceAll("<[^>]*>", ""));
  }
}
