package io.edgegateway.local.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of subscribe, unsubscribe, disconnect, retain and match, checking each trie against a
 * brute-force scan of everything stored, with {@link Topics#matches} as the oracle.
 */
class TrieMatchPropertyTest {

  private static final int STEPS = 4_000;

  private record Key(String clientId, String filter) {
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 42, 20_240_601})
  void topicsMatchesAgreesWithAnObviousImplementation(long seed) {
    RandomTopics gen = new RandomTopics(new Random(seed));
    int matched = 0;
    for (int i = 0; i < STEPS * 5; i++) {
      String filter = gen.filter();
      String topic = gen.topic();
      boolean expected = RandomTopics.referenceMatches(filter, topic);
      assertThat(Topics.matches(filter, topic)).as("%s vs %s", filter, topic).isEqualTo(expected);
      matched += expected ? 1 : 0;
    }
    assertThat(matched).as("the generator produces matches often enough to mean something").isGreaterThan(STEPS / 4);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 42, 20_240_601})
  void subscriptionTreeMatchesLikeABruteForceScan(long seed) {
    Random random = new Random(seed);
    RandomTopics gen = new RandomTopics(random);
    SubscriptionTree<Integer> tree = new SubscriptionTree<>();
    Map<Key, Integer> model = new HashMap<>();
    int nonEmpty = 0;

    for (int step = 0; step < STEPS; step++) {
      String client = "c" + random.nextInt(15);
      int op = random.nextInt(20);
      if (op < 12) {
        String filter = gen.subscription();
        assertThat(tree.put(client, filter, step)).isEqualTo(model.put(new Key(client, filter), step));
      } else if (op < 17) {
        List<Key> owned = model.keySet().stream().filter(k -> k.clientId().equals(client)).toList();
        Key key = owned.isEmpty() ? new Key(client, gen.subscription()) : owned.get(random.nextInt(owned.size()));
        assertThat(tree.remove(key.clientId(), key.filter())).isEqualTo(model.remove(key));
      } else if (op == 17) {
        tree.removeAll(client);
        model.keySet().removeIf(k -> k.clientId().equals(client));
      }
      assertThat(tree.size()).isEqualTo(model.size());
      assertThat(tree.count(client)).isEqualTo((int) model.keySet().stream().filter(k -> k.clientId().equals(client)).count());

      String topic = gen.topic();
      Matches<Integer> actual = tree.match(topic);
      assertThat(plain(actual)).as("plain subscriptions matching %s", topic).isEqualTo(expectedPlain(model, topic));
      assertThat(shared(actual)).as("shared groups matching %s", topic).isEqualTo(expectedShared(model, topic));
      nonEmpty += actual.isEmpty() ? 0 : 1;
    }
    assertThat(nonEmpty).as("enough matches to mean something").isGreaterThan(STEPS / 4);

    for (int c = 0; c < 15; c++) {
      tree.removeAll("c" + c);
    }
    assertThat(tree.size()).isZero();
    assertThat(tree.nodeCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 42, 20_240_601})
  void retainedStoreMatchesLikeABruteForceScan(long seed) {
    Random random = new Random(seed);
    RandomTopics gen = new RandomTopics(random);
    int max = 60;
    RetainedStore<String> store = new RetainedStore<>(max);
    Map<String, String> model = new HashMap<>();
    int nonEmpty = 0;

    for (int step = 0; step < STEPS; step++) {
      String topic = gen.topic();
      if (random.nextInt(3) > 0) {
        String value = topic + "@" + step;
        boolean accepted = model.containsKey(topic) || model.size() < max;
        assertThat(store.put(topic, value)).as("put %s with %d retained", topic, model.size()).isEqualTo(accepted);
        if (accepted) {
          model.put(topic, value);
        }
      } else {
        assertThat(store.remove(topic)).isEqualTo(model.remove(topic));
      }
      assertThat(store.size()).isEqualTo(model.size());

      String filter = gen.filter();
      List<String> expected = model.entrySet().stream()
          .filter(e -> Topics.matches(filter, e.getKey())).map(Map.Entry::getValue).toList();
      List<String> actual = store.match(filter);
      assertThat(actual).as("retained matching %s", filter).containsExactlyInAnyOrderElementsOf(expected);
      nonEmpty += actual.isEmpty() ? 0 : 1;
    }
    assertThat(nonEmpty).as("enough matches to mean something").isGreaterThan(STEPS / 4);

    new ArrayList<>(model.keySet()).forEach(store::remove);
    assertThat(store.size()).isZero();
    assertThat(store.nodeCount()).isEqualTo(1);
  }

  private static Map<Subscription<Integer>, Long> plain(Matches<Integer> matches) {
    return matches.subscriptions().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }

  private static Map<Subscription<Integer>, Long> expectedPlain(Map<Key, Integer> model, String topic) {
    return model.entrySet().stream()
        .filter(e -> !SharedFilter.isShared(e.getKey().filter()))
        .filter(e -> Topics.matches(e.getKey().filter(), topic))
        .map(e -> new Subscription<>(e.getKey().clientId(), e.getKey().filter(), e.getValue()))
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }

  /** Group and filter, to the set of members; fails on a group reported twice. */
  private static Map<SharedFilter, Set<Subscription<Integer>>> shared(Matches<Integer> matches) {
    Map<SharedFilter, Set<Subscription<Integer>>> groups = new HashMap<>();
    for (SharedGroup<Integer> group : matches.sharedGroups()) {
      assertThat(group.members()).isNotEmpty();
      Set<Subscription<Integer>> previous =
          groups.put(new SharedFilter(group.group(), group.filter()), new HashSet<>(group.members()));
      assertThat(previous).as("group %s reported once", group).isNull();
    }
    return groups;
  }

  private static Map<SharedFilter, Set<Subscription<Integer>>> expectedShared(Map<Key, Integer> model, String topic) {
    Map<SharedFilter, Set<Subscription<Integer>>> groups = new HashMap<>();
    model.forEach((key, value) -> {
      Optional<SharedFilter> shared = SharedFilter.parse(key.filter());
      if (shared.isPresent() && Topics.matches(shared.get().filter(), topic)) {
        groups.computeIfAbsent(shared.get(), g -> new HashSet<>())
            .add(new Subscription<>(key.clientId(), key.filter(), value));
      }
    });
    return groups;
  }
}
