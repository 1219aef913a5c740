package io.edgegateway.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AclDecisionTest {
  private static AclFile acl(String... lines) {
    return AclFile.parse(List.of(lines), "acl");
  }

  @Test
  void anEmptyFileDeniesEverything() {
    AclFile acl = acl("# nothing here");
    assertThat(acl.canPublish("c", null, "a")).isFalse();
    assertThat(acl.canReceive("c", "alice", "a")).isFalse();
  }

  @Test
  void linesBeforeTheFirstUserAreForAnonymousClientsOnly() {
    AclFile acl = acl("topic public/#", "user alice", "topic alice/#");
    assertThat(acl.canPublish("c", null, "public/x")).isTrue();
    assertThat(acl.canPublish("c", null, "alice/x")).isFalse();
    assertThat(acl.canPublish("c", "alice", "alice/x")).isTrue();
    assertThat(acl.canPublish("c", "alice", "public/x")).as("a user is never anonymous").isFalse();
    assertThat(acl.canPublish("c", "carol", "public/x")).as("no block: no topic access").isFalse();
  }

  @Test
  void accessWordsGrantReadWriteOrBoth() {
    AclFile acl = acl("topic read r", "topic write w", "topic readwrite rw", "topic both");
    assertThat(acl.canReceive("c", null, "r")).isTrue();
    assertThat(acl.canPublish("c", null, "r")).isFalse();
    assertThat(acl.canReceive("c", null, "w")).isFalse();
    assertThat(acl.canPublish("c", null, "w")).isTrue();
    assertThat(acl.canReceive("c", null, "rw")).isTrue();
    assertThat(acl.canPublish("c", null, "rw")).isTrue();
    assertThat(acl.canPublish("c", null, "both")).isTrue();
  }

  @Test
  void aReadLineDoesNotStopTheSearchForAWriteLine() {
    AclFile acl = acl("topic read a/#", "topic write a/b");
    assertThat(acl.canPublish("c", null, "a/b")).isTrue();
  }

  @Test
  void denyWinsWhereverItStands() {
    AclFile acl = acl("topic readwrite home/#", "topic deny home/alarm/#");
    assertThat(acl.canPublish("c", null, "home/light")).isTrue();
    assertThat(acl.canPublish("c", null, "home/alarm")).isFalse();
    assertThat(acl.canReceive("c", null, "home/alarm/zone1")).isFalse();
    AclFile before = acl("topic deny home/alarm/#", "topic readwrite home/#");
    assertThat(before.canPublish("c", null, "home/alarm/zone1")).isFalse();
  }

  @Test
  void patternsApplyToEveryClient() {
    AclFile acl = acl("pattern write devices/%c/#", "user alice", "topic read x",
        "pattern read users/%u/#");
    assertThat(acl.canPublish("dev1", null, "devices/dev1/temp")).isTrue();
    assertThat(acl.canPublish("dev1", "alice", "devices/dev1/temp"))
        .as("a pattern after a user line still applies to everybody").isTrue();
    assertThat(acl.canPublish("dev1", "alice", "devices/dev2/temp")).isFalse();
    assertThat(acl.canReceive("dev1", "bob", "users/bob/inbox")).isTrue();
    assertThat(acl.canReceive("dev1", "bob", "users/alice/inbox")).isFalse();
  }

  @Test
  void usernamePatternsDoNotApplyToAnonymousClients() {
    AclFile acl = acl("pattern readwrite users/%u/#", "pattern deny private/%u/#",
        "pattern readwrite #");
    assertThat(acl.canPublish("c", null, "users/%u/x")).isTrue(); // via "#" only
    assertThat(acl.canPublish("c", null, "private/anything")).as("the deny uses %u").isTrue();
    assertThat(acl.canPublish("c", "bob", "private/bob/x")).isFalse();
    assertThat(acl.canPublish("c", "bob", "private/alice/x")).isTrue();
  }

  @Test
  void substitutionIsTextualWithinALevel() {
    AclFile acl = acl("pattern write dev-%c/%u-data/%c");
    assertThat(acl.canPublish("7", "ann", "dev-7/ann-data/7")).isTrue();
    assertThat(acl.canPublish("7", "ann", "dev-7/ann-data/8")).isFalse();
  }

  @Test
  void topicLinesAreDecidedBeforePatterns() {
    // Mosquitto checks the user's topic lines first, then the patterns: a topic grant is not
    // undone by a pattern deny, and a topic deny is not undone by a pattern grant.
    AclFile acl = acl("topic readwrite #", "topic deny blocked/#", "pattern readwrite blocked/%c",
        "pattern deny open/%c/locked");
    assertThat(acl.canPublish("dev1", null, "open/dev1/locked")).isTrue();
    assertThat(acl.canPublish("dev1", null, "blocked/dev1")).isFalse();
  }

  @Test
  void aPatternDenyBeatsAPatternGrant() {
    AclFile acl = acl("pattern readwrite devices/%c/#", "pattern deny devices/%c/locked");
    assertThat(acl.canPublish("d", null, "devices/d/open")).isTrue();
    assertThat(acl.canPublish("d", null, "devices/d/locked")).isFalse();
  }

  @Test
  void namesWithWildcardsOrSlashesGetNoPatternAccess() {
    AclFile acl = acl("pattern readwrite devices/%c/#", "pattern readwrite users/%u/#",
        "pattern read broadcast/#", "user admin", "topic readwrite admin/#");
    // '+' or '#' in a name would match other clients' topics once substituted.
    assertThat(acl.canReceive("+", null, "devices/dev2/cmd")).isFalse();
    assertThat(acl.canReceive("#", null, "devices/dev2/cmd")).isFalse();
    assertThat(acl.canReceive("c", "#", "users/alice/x")).isFalse();
    // '/' would reach into another client's subtree: client "site/dev1" must not get devices/site/#.
    assertThat(acl.canPublish("site/dev1", null, "devices/site/dev1/t")).isFalse();
    assertThat(acl.canPublish("site", null, "devices/site/dev1/t")).isTrue();
    assertThat(acl.canReceive("c", "a/b", "users/a/b/x")).isFalse();
    // All pattern lines are off for such a client, as in Mosquitto, not only those using %c/%u ...
    assertThat(acl.canReceive("a+b", null, "broadcast/news")).isFalse();
    assertThat(acl.canReceive("ab", null, "broadcast/news")).isTrue();
    // ... but its own topic lines still apply.
    assertThat(acl.canPublish("a#b", "admin", "admin/x")).isTrue();
  }

  @Test
  void dangerousNamesDoNotMatterWithoutPatterns() {
    AclFile acl = acl("topic readwrite #");
    assertThat(acl.canPublish("a+b/c#", null, "x")).isTrue();
  }

  @Test
  void wildcardsMatchLikeMosquitto() {
    AclFile acl = acl("topic read a/+/c", "topic read b/#", "topic read +", "topic read d/+",
        "topic read e/+/#");
    assertThat(acl.canReceive("c", null, "a/x/c")).isTrue();
    assertThat(acl.canReceive("c", null, "a//c")).as("+ matches an empty level").isTrue();
    assertThat(acl.canReceive("c", null, "a/x/y/c")).isFalse();
    assertThat(acl.canReceive("c", null, "b")).as("# matches the parent level").isTrue();
    assertThat(acl.canReceive("c", null, "b/x/y")).isTrue();
    assertThat(acl.canReceive("c", null, "bb/x")).isFalse();
    assertThat(acl.canReceive("c", null, "single")).isTrue();
    assertThat(acl.canReceive("c", null, "/")).as("two empty levels").isFalse();
    assertThat(acl.canReceive("c", null, "d/")).isTrue();
    assertThat(acl.canReceive("c", null, "e/x")).isTrue();
    AclFile noSingleLevel = acl("topic read d/+", "topic read e/+/#");
    assertThat(noSingleLevel.canReceive("c", null, "d")).isFalse();
    assertThat(noSingleLevel.canReceive("c", null, "e")).isFalse();
    assertThat(noSingleLevel.canReceive("c", null, "e/x")).as("# matches the parent of +").isTrue();
  }

  @Test
  void dollarTopicsOnlyMatchFiltersStartingWithDollar() {
    AclFile acl = acl("topic readwrite #", "topic read $SYS/#", "pattern read +/%c");
    assertThat(acl.canReceive("c", null, "$SYS/broker/uptime")).isTrue();
    assertThat(acl.canPublish("c", null, "$SYS/broker/uptime")).isFalse();
    assertThat(acl.canReceive("c", null, "$other/x")).isFalse();
    assertThat(acl.canReceive("c", null, "$x/c")).as("+ does not match $x").isFalse();
  }

  @Test
  void subscriptionsAreGrantedAndReadAccessIsCheckedPerMessage() {
    // Mosquitto 2.0's acl_file grants every SUBSCRIBE; what a subscriber may read is decided
    // for each message it would receive.
    AclFile acl = acl("topic read public/#");
    assertThat(acl.canSubscribe("c", null, "#")).isTrue();
    assertThat(acl.canSubscribe("c", "alice", "secret/+")).isTrue();
    assertThat(acl.canReceive("c", null, "secret/x")).isFalse();
  }

  @Test
  void aClientAclResolvedOnceGivesTheSameAnswers() {
    AclFile acl = acl("topic read public/#", "pattern write devices/%c/#", "user u",
        "topic read u/#");
    ClientAcl anonymous = acl.forClient("dev1", null);
    assertThat(anonymous.canPublish("devices/dev1/t")).isTrue();
    assertThat(anonymous.canReceive("public/a")).isTrue();
    assertThat(anonymous.canReceive("u/a")).isFalse();
    ClientAcl user = acl.forClient("dev1", "u");
    assertThat(user.canReceive("u/a")).isTrue();
    assertThat(user.canReceive("public/a")).isFalse();
    assertThat(user.canPublish("devices/dev1/x")).isTrue();
  }
}
