package io.edgegateway.local.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LevelMapTest {

  @Test
  void looksUpBySliceOfALongerString() {
    LevelMap<String> map = new LevelMap<>();
    map.put("tennis", "T");
    map.put("", "EMPTY");
    String topic = "sport/tennis//player1";
    assertThat(map.get(topic, 6, 12)).isEqualTo("T");
    assertThat(map.get(topic, 13, 13)).isEqualTo("EMPTY");
    assertThat(map.get(topic, 0, 5)).isNull();
    assertThat(map.get(topic, 6, 11)).as("prefix of a key").isNull();
    assertThat(map.get("tennis")).isEqualTo("T");
  }

  @Test
  void putReplacesAndRemoveReturnsTheValue() {
    LevelMap<Integer> map = new LevelMap<>();
    assertThat(map.put("a", 1)).isNull();
    assertThat(map.put("a", 2)).isEqualTo(1);
    assertThat(map.size()).isEqualTo(1);
    assertThat(map.remove("b")).isNull();
    assertThat(map.remove("a")).isEqualTo(2);
    assertThat(map.isEmpty()).isTrue();
    assertThat(map.get("a")).isNull();
  }

  @Test
  void behavesLikeAHashMapUnderRandomChurnAndShrinksBack() {
    LevelMap<Integer> map = new LevelMap<>();
    Map<String, Integer> reference = new HashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      // Keys "Aa" and "BB" share a String hash code, which exercises chains.
      String key = (random.nextBoolean() ? "Aa" : "BB") + random.nextInt(500);
      if (random.nextInt(3) == 0) {
        assertThat(map.remove(key)).isEqualTo(reference.remove(key));
      } else {
        assertThat(map.put(key, i)).isEqualTo(reference.put(key, i));
      }
      assertThat(map.size()).isEqualTo(reference.size());
    }
    reference.forEach((k, v) -> assertThat(map.get("x/" + k + "/y", 2, 2 + k.length())).isEqualTo(v));
    List<Integer> values = new ArrayList<>();
    map.forEachValue(values::add);
    assertThat(values).containsExactlyInAnyOrderElementsOf(reference.values());

    assertThat(map.capacity()).isGreaterThan(64);
    new ArrayList<>(reference.keySet()).forEach(map::remove);
    assertThat(map.isEmpty()).isTrue();
    assertThat(map.capacity()).isLessThanOrEqualTo(8);
  }
}
