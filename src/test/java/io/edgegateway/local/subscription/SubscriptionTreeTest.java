package io.edgegateway.local.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionTreeTest {

  private final SubscriptionTree<Integer> tree = new SubscriptionTree<>();

  @Test
  void matchesReturnEverySubscriptionThroughEachOfItsFilters() {
    tree.put("c1", "sport/tennis/+", 1);
    tree.put("c1", "sport/#", 0);
    tree.put("c2", "sport/tennis/player1", 2);
    tree.put("c3", "sport/badminton/+", 1);
    tree.put("c4", "#", 0);

    Matches<Integer> matches = tree.match("sport/tennis/player1");

    assertThat(matches.subscriptions())
        .extracting(Subscription::clientId, Subscription::filter, Subscription::value)
        .containsExactlyInAnyOrder(
            tuple("c1", "sport/tennis/+", 1),
            tuple("c1", "sport/#", 0),
            tuple("c2", "sport/tennis/player1", 2),
            tuple("c4", "#", 0));
    assertThat(matches.sharedGroups()).isEmpty();
  }

  @Test
  void multiLevelWildcardAlsoMatchesTheParentLevel() {
    tree.put("c1", "sport/tennis/player1/#", 1);
    tree.put("c2", "sport/#", 1);
    assertThat(clients(tree.match("sport/tennis/player1"))).containsExactlyInAnyOrder("c1", "c2");
    assertThat(clients(tree.match("sport"))).containsExactly("c2");
    assertThat(clients(tree.match("sports"))).isEmpty();
  }

  @Test
  void singleLevelWildcardMatchesEmptyLevelsButNotMissingOnes() {
    tree.put("plus-plus", "+/+", 1);
    tree.put("plus", "+", 1);
    tree.put("slash-plus", "/+", 1);
    assertThat(clients(tree.match("/finance"))).containsExactlyInAnyOrder("plus-plus", "slash-plus");
    assertThat(clients(tree.match("finance"))).containsExactly("plus");
    assertThat(clients(tree.match("/"))).containsExactlyInAnyOrder("plus-plus", "slash-plus");
  }

  @Test
  void dollarTopicsAreHiddenFromRootWildcardsOnly() {
    tree.put("all", "#", 1);
    tree.put("plus", "+/monitor/Clients", 1);
    tree.put("sys", "$SYS/#", 1);
    tree.put("sys-plus", "$SYS/monitor/+", 1);
    tree.put("shared-all", "$share/g/#", 1);
    assertThat(tree.match("$SYS/monitor/Clients").subscriptions())
        .extracting(Subscription::clientId).containsExactlyInAnyOrder("sys", "sys-plus");
    assertThat(tree.match("$SYS/monitor/Clients").sharedGroups()).isEmpty();
    assertThat(clients(tree.match("a/$SYS"))).containsExactly("all");
    assertThat(tree.match("a/$SYS").sharedGroups()).hasSize(1);
  }

  @Test
  void resubscribeReplacesTheValueAndReturnsThePreviousOne() {
    assertThat(tree.put("c1", "a/b", 0)).isNull();
    assertThat(tree.put("c1", "a/b", 2)).isEqualTo(0);
    assertThat(tree.size()).isEqualTo(1);
    assertThat(tree.count("c1")).isEqualTo(1);
    assertThat(tree.match("a/b").subscriptions()).extracting(Subscription::value).containsExactly(2);

    assertThat(tree.put("c1", "$share/g/a/b", 1)).isNull();
    assertThat(tree.put("c1", "$share/g/a/b", 2)).isEqualTo(1);
    assertThat(tree.size()).isEqualTo(2);
    assertThat(tree.match("a/b").sharedGroups().get(0).members())
        .extracting(Subscription::value).containsExactly(2);
  }

  @Test
  void filtersThatDifferOnlyInWritingAreDistinctSubscriptions() {
    tree.put("c1", "a/+", 1);
    tree.put("c1", "a/#", 1);
    tree.put("c1", "$share/g/a/+", 1);
    tree.put("c1", "$share/h/a/+", 1);
    assertThat(tree.count("c1")).isEqualTo(4);
    Matches<Integer> matches = tree.match("a/b");
    assertThat(matches.subscriptions()).extracting(Subscription::filter).containsExactlyInAnyOrder("a/+", "a/#");
    assertThat(matches.sharedGroups()).extracting(SharedGroup::group).containsExactlyInAnyOrder("g", "h");
  }

  @Test
  void removeReturnsTheValueAndOnlyRemovesThatSubscription() {
    tree.put("c1", "a/b", 1);
    tree.put("c1", "a/+", 2);
    tree.put("c2", "a/b", 3);

    assertThat(tree.remove("c1", "a/b")).isEqualTo(1);
    assertThat(tree.remove("c1", "a/b")).isNull();
    assertThat(tree.remove("nobody", "a/b")).isNull();
    assertThat(tree.remove("c2", "a/+")).isNull();

    assertThat(tree.match("a/b").subscriptions())
        .extracting(Subscription::clientId, Subscription::filter)
        .containsExactlyInAnyOrder(tuple("c1", "a/+"), tuple("c2", "a/b"));
    assertThat(tree.size()).isEqualTo(2);
    assertThat(tree.count("c1")).isEqualTo(1);
  }

  @Test
  void removeAllDropsEveryFilterOfOneClient() {
    tree.put("c1", "a/b", 1);
    tree.put("c1", "a/#", 1);
    tree.put("c1", "$share/g/a/b", 1);
    tree.put("c2", "a/b", 1);
    tree.put("c2", "$share/g/a/b", 1);

    tree.removeAll("c1");
    tree.removeAll("never-subscribed");

    assertThat(tree.count("c1")).isZero();
    assertThat(tree.size()).isEqualTo(2);
    Matches<Integer> matches = tree.match("a/b");
    assertThat(clients(matches)).containsExactly("c2");
    assertThat(matches.sharedGroups()).singleElement()
        .satisfies(g -> assertThat(g.members()).extracting(Subscription::clientId).containsExactly("c2"));
  }

  @Test
  void invalidFiltersAreRejectedAndLeaveTheTreeUnchanged() {
    tree.put("c1", "a", 1);
    int nodes = tree.nodeCount();
    for (String bad : List.of("", "a/#/b", "a+", "$share//a", "$share/g", "$share/g/a#", "nul\u0000")) {
      assertThatIllegalArgumentException().as(bad).isThrownBy(() -> tree.put("c2", bad, 1));
    }
    assertThatNullPointerException().isThrownBy(() -> tree.put("c2", "a", null));
    assertThatNullPointerException().isThrownBy(() -> tree.put(null, "a", 1));
    assertThat(tree.size()).isEqualTo(1);
    assertThat(tree.count("c2")).isZero();
    assertThat(tree.nodeCount()).isEqualTo(nodes);
  }

  @Test
  void removalPrunesNodesThatHoldNothing() {
    assertThat(tree.nodeCount()).isEqualTo(1);
    tree.put("c1", "a/b/c/d", 1);
    tree.put("c2", "a/b/x", 1);
    tree.put("c3", "a/+/#", 1);
    tree.put("c4", "$share/g/a/b/c/d", 1);
    assertThat(tree.nodeCount()).isEqualTo(1 + 4 + 1 + 2);

    tree.remove("c1", "a/b/c/d");
    assertThat(tree.nodeCount()).as("d still holds the shared group").isEqualTo(8);
    tree.removeAll("c4");
    assertThat(tree.nodeCount()).as("c and d pruned").isEqualTo(6);
    tree.remove("c3", "a/+/#");
    assertThat(tree.nodeCount()).as("+ and # pruned").isEqualTo(4);
    tree.remove("c2", "a/b/x");
    assertThat(tree.nodeCount()).isEqualTo(1);
    assertThat(tree.size()).isZero();
    assertThat(tree.match("a/b/c/d").isEmpty()).isTrue();
  }

  @Test
  void churningClientIdsLeaveNothingBehind() {
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 200; i++) {
        String client = "device-" + round + "-" + i;
        tree.put(client, "devices/" + client + "/cmd/#", 1);
        tree.put(client, "devices/+/broadcast", 1);
        tree.put(client, "$share/workers/jobs/" + i, 1);
        tree.put(client, "$share/" + client + "/jobs/+", 1);
      }
      for (int i = 0; i < 200; i++) {
        tree.removeAll("device-" + round + "-" + i);
      }
      assertThat(tree.size()).isZero();
      assertThat(tree.nodeCount()).isEqualTo(1);
    }
    assertThat(tree.match("devices/device-3-3/cmd/x").isEmpty()).isTrue();
  }

  @Test
  void veryDeepFiltersDoNotOverflowTheStack() {
    String deep = "/".repeat(30_000);
    tree.put("c1", deep + "#", 1);
    tree.put("c2", "+" + "/+".repeat(30_000), 1);
    assertThat(clients(tree.match(deep + "x"))).containsExactly("c1", "c2");
    tree.removeAll("c1");
    tree.removeAll("c2");
    assertThat(tree.nodeCount()).isEqualTo(1);
  }

  @Test
  void forEachMatchReportsWhatMatchReturns() {
    tree.put("c1", "a/+", 1);
    tree.put("c2", "$share/g/a/#", 1);
    List<String> seen = new ArrayList<>();
    tree.forEachMatch("a/b", s -> seen.add(s.clientId()), g -> seen.add(g.group()));
    assertThat(seen).containsExactlyInAnyOrder("c1", "g");
  }

  @Test
  void matchListsAreReadOnly() {
    tree.put("c1", "a", 1);
    Matches<Integer> matches = tree.match("a");
    assertThatThrownBy(() -> matches.subscriptions().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static List<String> clients(Matches<Integer> matches) {
    return matches.subscriptions().stream().map(Subscription::clientId).toList();
  }
}
