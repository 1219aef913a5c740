package io.edgegateway.local.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SharedGroupTest {

  private static final Predicate<Subscription<Integer>> EVERYONE = s -> true;

  private final SubscriptionTree<Integer> tree = new SubscriptionTree<>();

  @Test
  void successiveMessagesRotateAcrossMembers() {
    tree.put("a", "$share/g/jobs/+", 1);
    tree.put("b", "$share/g/jobs/+", 1);
    tree.put("c", "$share/g/jobs/+", 1);

    assertThat(pickFromFreshMatches("jobs/1", EVERYONE, 7)).containsExactly("a", "b", "c", "a", "b", "c", "a");
  }

  @Test
  void ineligibleMembersAreSkippedAndTheRotationGoesOn() {
    tree.put("a", "$share/g/jobs", 1);
    tree.put("b", "$share/g/jobs", 1);
    tree.put("c", "$share/g/jobs", 1);
    Set<String> offline = Set.of("b");

    assertThat(pickFromFreshMatches("jobs", s -> !offline.contains(s.clientId()), 4))
        .containsExactly("a", "c", "a", "c");
  }

  @Test
  void noEligibleMemberPicksNobodyAndKeepsThePosition() {
    tree.put("a", "$share/g/jobs", 1);
    tree.put("b", "$share/g/jobs", 1);
    SharedGroup<Integer> group = tree.match("jobs").sharedGroups().get(0);
    assertThat(group.pick(EVERYONE)).map(Subscription::clientId).contains("a");

    assertThat(group.pick(s -> false)).isEmpty();

    assertThat(group.pick(EVERYONE)).map(Subscription::clientId).contains("b");
  }

  @Test
  void leavingMembersDoNotDisturbTheRotationOfTheOthers() {
    for (String client : List.of("a", "b", "c", "d")) {
      tree.put(client, "$share/g/jobs", 1);
    }
    assertThat(pickFromFreshMatches("jobs", EVERYONE, 2)).containsExactly("a", "b");
    tree.remove("a", "$share/g/jobs"); // before the position
    assertThat(pickFromFreshMatches("jobs", EVERYONE, 1)).containsExactly("c");
    tree.removeAll("d"); // the next in line
    assertThat(pickFromFreshMatches("jobs", EVERYONE, 3)).containsExactly("b", "c", "b");
    tree.put("e", "$share/g/jobs", 1); // joins at the end of the rotation
    assertThat(pickFromFreshMatches("jobs", EVERYONE, 3)).containsExactly("c", "e", "b");
  }

  @Test
  void resubscribingKeepsTheMembersPlaceInTheRotation() {
    tree.put("a", "$share/g/jobs", 1);
    tree.put("b", "$share/g/jobs", 1);
    tree.put("c", "$share/g/jobs", 1);
    assertThat(pickFromFreshMatches("jobs", EVERYONE, 1)).containsExactly("a");
    tree.put("a", "$share/g/jobs", 2);
    assertThat(pickFromFreshMatches("jobs", EVERYONE, 3)).containsExactly("b", "c", "a");
    assertThat(tree.match("jobs").sharedGroups().get(0).members())
        .extracting(Subscription::clientId, Subscription::value)
        .first().isEqualTo(tuple("a", 2));
  }

  @Test
  void groupDisappearsWithItsLastMember() {
    tree.put("a", "$share/g/jobs/#", 1);
    tree.put("b", "$share/g/jobs/#", 1);
    tree.remove("a", "$share/g/jobs/#");
    assertThat(tree.match("jobs/1").sharedGroups()).singleElement()
        .extracting(SharedGroup::size).isEqualTo(1);
    tree.removeAll("b");
    assertThat(tree.match("jobs/1").sharedGroups()).isEmpty();
    assertThat(tree.nodeCount()).isEqualTo(1);

    tree.put("c", "$share/g/jobs/#", 1);
    assertThat(tree.match("jobs/1").sharedGroups()).singleElement()
        .satisfies(g -> assertThat(g.members()).extracting(Subscription::clientId).containsExactly("c"));
  }

  @Test
  void aClientInTwoGroupsIsPickedOncePerGroup() {
    tree.put("a", "$share/g1/jobs/+", 1);
    tree.put("a", "$share/g2/jobs/#", 1);
    tree.put("b", "$share/g2/jobs/#", 1);

    List<SharedGroup<Integer>> groups = tree.match("jobs/1").sharedGroups();

    assertThat(groups).extracting(SharedGroup::group, SharedGroup::filter)
        .containsExactlyInAnyOrder(
            tuple("g1", "jobs/+"),
            tuple("g2", "jobs/#"));
    List<String> picked = new ArrayList<>();
    groups.forEach(g -> g.pick(EVERYONE).ifPresent(s -> picked.add(g.group() + ":" + s.clientId())));
    assertThat(picked).containsExactlyInAnyOrder("g1:a", "g2:a");
    assertThat(tree.match("jobs/1").subscriptions()).as("shared members are not plain subscribers").isEmpty();
  }

  @Test
  void sameShareNameOnDifferentFiltersIsTwoGroups() {
    tree.put("a", "$share/g/jobs/+", 1);
    tree.put("b", "$share/g/jobs/#", 1);
    assertThat(tree.match("jobs/1").sharedGroups()).hasSize(2);
    assertThat(tree.match("jobs").sharedGroups()).extracting(SharedGroup::filter).containsExactly("jobs/#");
  }

  @Test
  void sharedAndPlainSubscriptionsOfOneClientAreBothReported() {
    tree.put("a", "jobs/+", 1);
    tree.put("a", "$share/g/jobs/+", 1);
    Matches<Integer> matches = tree.match("jobs/1");
    assertThat(matches.subscriptions()).extracting(Subscription::filter).containsExactly("jobs/+");
    assertThat(matches.sharedGroups()).singleElement().extracting(SharedGroup::group).isEqualTo("g");
  }

  private List<String> pickFromFreshMatches(String topic, Predicate<Subscription<Integer>> eligible, int times) {
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      List<SharedGroup<Integer>> groups = tree.match(topic).sharedGroups();
      assertThat(groups).hasSize(1);
      groups.get(0).pick(eligible).map(Subscription::clientId).ifPresent(picked::add);
    }
    return picked;
  }
}
