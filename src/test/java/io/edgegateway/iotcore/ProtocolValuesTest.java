package io.edgegateway.iotcore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The small rules: usernames, topics, Basic Ingest, topic limits, keep-alive, the rate window. */
class ProtocolValuesTest {

  @Test
  void usernameIsCutAtTheFirstQuestionMarkIfThereIsOne() {
    Username sdk = Username.parse("gw1?x-amz-customauthorizer-name=gw-auth&SDK=JavaV2&Version=1.2");
    assertThat(sdk.name()).isEqualTo("gw1");
    assertThat(sdk.authorizerName()).contains("gw-auth");
    assertThat(sdk.query()).containsEntry("SDK", "JavaV2");
    Username plain = Username.parse("gw1");
    assertThat(plain.name()).isEqualTo("gw1");
    assertThat(plain.authorizerName()).isEmpty();
    assertThat(Username.parse("gw1?SDK=JavaV2").authorizerName()).isEmpty();
    assertThat(Username.parse("a?b?x-amz-customauthorizer-name=n").name()).isEqualTo("a");
  }

  @Test
  void topicFiltersMatchAsMqttSays() {
    assertThat(Topics.matches("a/+/c", "a/b/c")).isTrue();
    assertThat(Topics.matches("a/#", "a")).isTrue();
    assertThat(Topics.matches("a/#", "a/b/c")).isTrue();
    assertThat(Topics.matches("a/+", "a/b/c")).isFalse();
    assertThat(Topics.matches("#", "$aws/things/x")).isFalse();
    assertThat(Topics.validFilter("a/#/b")).isFalse();
    assertThat(Topics.validFilter("a+/b")).isFalse();
    assertThat(Topics.validName("a/+")).isFalse();
  }

  @Test
  void basicIngestTopicsNameTheirRule() {
    assertThat(BasicIngest.parse("$aws/rules/store/dt/gw1")).contains(new BasicIngest("store", "dt/gw1"));
    assertThat(BasicIngest.parse("dt/gw1")).isEmpty();
  }

  @Test
  void topicLimitsAreMeasuredAfterTheBasicIngestPrefix() {
    TopicLimits limits = new TopicLimits(Quotas.iotCore());
    assertThat(limits.violation("a/".repeat(7) + "b")).isEmpty();
    assertThat(limits.violation("a/".repeat(8) + "b")).contains(Counter.TOPIC_TOO_MANY_SLASHES);
    assertThat(limits.violation("$aws/rules/r/" + "a/".repeat(7) + "b")).isEmpty();
    assertThat(limits.violation("x".repeat(256))).isEmpty();
    assertThat(limits.violation("é".repeat(129))).contains(Counter.TOPIC_TOO_LONG);
    assertThat(limits.violation("$aws/rules/r/" + "x".repeat(256))).isEmpty();
    assertThat(new TopicLimits(Quotas.none()).violation("a/".repeat(100))).isEmpty();
  }

  @Test
  void keepAliveIsClampedTo30To1200() {
    Quotas quotas = Quotas.iotCore();
    assertThat(quotas.keepAlive(0)).isEqualTo(1200);
    assertThat(quotas.keepAlive(5000)).isEqualTo(1200);
    assertThat(quotas.keepAlive(5)).isEqualTo(30);
    assertThat(quotas.keepAlive(60)).isEqualTo(60);
    assertThat(Quotas.none().keepAlive(5)).isEqualTo(5);
  }

  @Test
  void noOneSecondWindowHoldsMoreThanTheLimit() {
    PublishRateLimiter limiter = new PublishRateLimiter(100);
    List<Arrival> accepted = new ArrayList<>();
    long start = 0;
    for (int i = 0; i < 3000; i++) {
      long now = start + TimeUnit.MILLISECONDS.toNanos(i);
      if (limiter.tryAcquire(now)) {
        accepted.add(new Arrival(Instant.EPOCH, now, "c", "p", "t", new byte[0], 0, false, null, null, "id"));
      }
    }
    assertThat(ArrivalLog.maxInWindow(accepted, Duration.ofSeconds(1))).isEqualTo(100);
    assertThat(accepted).hasSize(300);
  }

  @Test
  void theByteRateAsksForAPauseOnlyBeyondItsRate() {
    ByteRateLimiter limiter = new ByteRateLimiter(1000, 0);
    assertThat(limiter.consume(1000, 0)).isZero();
    assertThat(limiter.consume(500, 0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(limiter.consume(0, TimeUnit.SECONDS.toNanos(1))).isZero();
    assertThat(new ByteRateLimiter(0, 0).consume(1 << 30, 0)).isZero();
  }

  @Test
  void theEventLeavesOutWhatWasNotSent() {
    ConnectAttempt attempt = new ConnectAttempt("id", Optional.of("host"), Optional.empty(), Optional.empty(),
        Optional.empty());
    assertThat(attempt.event().getJsonObject("protocolData").getJsonObject("mqtt").isEmpty()).isTrue();
  }
}
