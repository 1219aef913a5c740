package io.edgegateway.local.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetainedStoreTest {

  private final RetainedStore<String> store = new RetainedStore<>(100);

  @ParameterizedTest(name = "[{0}] finds {1}")
  @CsvSource(delimiter = '|', value = {
    "sport/tennis/player1/#  | sport/tennis/player1 sport/tennis/player1/ranking sport/tennis/player1/score/wimbledon",
    "sport/#                 | sport sport/tennis/player1 sport/tennis/player1/ranking sport/tennis/player1/score/wimbledon sport/tennis/player2 sport/badminton",
    "sport/tennis/+          | sport/tennis/player1 sport/tennis/player2",
    "sport/+                 | sport/badminton",
    "+                       | sport",
    "+/+                     | /finance sport/badminton",
    "/+                      | /finance",
    "#                       | sport sport/tennis/player1 sport/tennis/player1/ranking sport/tennis/player1/score/wimbledon sport/tennis/player2 sport/badminton /finance",
    "$SYS/#                  | $SYS $SYS/monitor/Clients",
    "$SYS/monitor/+          | $SYS/monitor/Clients",
    "+/monitor/Clients       | ''",
    "sport/tennis/player1    | sport/tennis/player1",
    "sport/tennis            | ''",
    "sport/+/player1/#       | sport/tennis/player1 sport/tennis/player1/ranking sport/tennis/player1/score/wimbledon",
  })
  void findsTheRetainedTopicsAFilterMatches(String filter, String expected) {
    for (String topic : List.of("sport", "sport/tennis/player1", "sport/tennis/player1/ranking",
        "sport/tennis/player1/score/wimbledon", "sport/tennis/player2", "sport/badminton", "/finance",
        "$SYS", "$SYS/monitor/Clients")) {
      assertThat(store.put(topic, topic)).isTrue();
    }
    List<String> wanted = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
    assertThat(store.match(filter)).containsExactlyInAnyOrderElementsOf(wanted);
  }

  @Test
  void putReplacesGetAndRemoveReturnTheMessage() {
    assertThat(store.put("a/b", "one")).isTrue();
    assertThat(store.put("a/b", "two")).isTrue();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.get("a/b")).isEqualTo("two");
    assertThat(store.get("a")).as("a level on the way is not a retained topic").isNull();
    assertThat(store.remove("a")).isNull();
    assertThat(store.remove("a/b")).isEqualTo("two");
    assertThat(store.remove("a/b")).isNull();
    assertThat(store.size()).isZero();
    assertThat(store.match("#")).isEmpty();
  }

  @Test
  void aParentTopicAndItsChildAreSeparateMessages() {
    store.put("a", "parent");
    store.put("a/b", "child");
    store.remove("a");
    assertThat(store.match("a/#")).containsExactly("child");
    assertThat(store.get("a/b")).isEqualTo("child");
  }

  @Test
  void refusesNewTopicsBeyondTheLimitButAlwaysAllowsReplacing() {
    RetainedStore<String> small = new RetainedStore<>(2);
    assertThat(small.put("a", "1")).isTrue();
    assertThat(small.put("b/c", "2")).isTrue();
    int nodes = small.nodeCount();

    assertThat(small.put("b", "3")).as("b is a node on the way to b/c but holds nothing yet").isFalse();
    assertThat(small.put("d/e/f", "4")).isFalse();
    assertThat(small.nodeCount()).as("a refused put leaves no nodes").isEqualTo(nodes);
    assertThat(small.put("a", "1'")).isTrue();
    assertThat(small.size()).isEqualTo(2);

    small.remove("a");
    assertThat(small.put("d/e/f", "4")).isTrue();
    assertThat(small.match("#")).containsExactlyInAnyOrder("2", "4");
  }

  @Test
  void zeroRetainsNothingAndNegativeIsRejected() {
    assertThat(new RetainedStore<String>(0).put("a", "x")).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> new RetainedStore<String>(-1));
  }

  @Test
  void invalidTopicsAndFiltersAreRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> store.put("a/+", "x"));
    assertThatIllegalArgumentException().isThrownBy(() -> store.put("", "x"));
    assertThatIllegalArgumentException().isThrownBy(() -> store.match("a/#/b"));
    assertThatIllegalArgumentException().isThrownBy(() -> store.match(""));
    assertThat(store.size()).isZero();
    assertThat(store.nodeCount()).isEqualTo(1);
  }

  @Test
  void removingEveryTopicPrunesEveryNode() {
    for (int i = 0; i < 5_000; i++) {
      store.remove("never/there/" + i);
    }
    RetainedStore<String> big = new RetainedStore<>(10_000);
    for (int i = 0; i < 5_000; i++) {
      big.put("devices/device-" + i + "/state", "s" + i);
      big.put("devices/device-" + i + "/state/battery", "b" + i);
    }
    assertThat(big.size()).isEqualTo(10_000);
    assertThat(big.match("devices/+/state")).hasSize(5_000);
    for (int i = 0; i < 5_000; i++) {
      big.remove("devices/device-" + i + "/state");
      big.remove("devices/device-" + i + "/state/battery");
    }
    assertThat(big.size()).isZero();
    assertThat(big.nodeCount()).isEqualTo(1);
    assertThat(store.nodeCount()).isEqualTo(1);
  }

  @Test
  void veryDeepTopicsDoNotOverflowTheStack() {
    String deep = "/".repeat(30_000) + "x";
    store.put(deep, "deep");
    assertThat(store.match("#")).containsExactly("deep");
    assertThat(store.match("+" + "/+".repeat(30_000))).containsExactly("deep");
    store.remove(deep);
    assertThat(store.nodeCount()).isEqualTo(1);
  }
}
