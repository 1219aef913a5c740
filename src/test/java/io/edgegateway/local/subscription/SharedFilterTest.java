package io.edgegateway.local.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SharedFilterTest {

  @ParameterizedTest(name = "[{0}] is group [{1}] with filter [{2}]")
  @CsvSource(delimiter = '|', value = {
    "$share/consumer1/sport/tennis/+ | consumer1 | sport/tennis/+",
    "$share/consumer2/sport/tennis/+ | consumer2 | sport/tennis/+",
    "$share/g/#                      | g         | #",
    "$share/g//finance               | g         | /finance",
    "$share/g/$SYS/#                 | g         | $SYS/#",
    "$share/g/$share/x               | g         | $share/x",
    "$share/$group/a                 | $group    | a",
  })
  void parsesWellFormedSharedSubscriptions(String written, String group, String filter) {
    assertThat(SharedFilter.parse(written)).contains(new SharedFilter(group, filter));
    assertThat(new SharedFilter(group, filter).asWritten()).isEqualTo(written);
    assertThat(Topics.isValidSubscription(written)).isTrue();
  }

  @ParameterizedTest(name = "[{0}] is a plain filter")
  @ValueSource(strings = {"a/b", "$share", "$SHARE/g/a", "$sharex/g/a", "share/g/a", "#"})
  void plainFiltersAreNotShared(String written) {
    assertThat(SharedFilter.isShared(written)).isFalse();
    assertThat(SharedFilter.parse(written)).isEmpty();
  }

  @ParameterizedTest(name = "[{0}] is rejected because it {1}")
  @CsvSource(delimiter = '|', value = {
    "$share/                 | has no topic filter",
    "$share/group            | has no topic filter",
    "$share//a               | has an empty share name",
    "$share/g+/a             | has a wildcard in its share name",
    "$share/+/a              | has a wildcard in its share name",
    "$share/#/a              | has a wildcard in its share name",
    "$share/g/               | has an invalid topic filter ''",
    "$share/g/a#             | has an invalid topic filter 'a#'",
    "$share/g/#/a            | has an invalid topic filter '#/a'",
  })
  void rejectsMalformedSharedSubscriptionsWithAReason(String written, String reason) {
    assertThat(SharedFilter.isShared(written)).isTrue();
    assertThat(Topics.isValidSubscription(written)).isFalse();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SharedFilter.parse(written))
        .withMessageContaining(written)
        .withMessageContaining(reason);
  }

  @Test
  void rejectsNulAndOverlongSharedSubscriptions() {
    assertThatIllegalArgumentException().isThrownBy(() -> SharedFilter.parse("$share/g\u0000/a"))
        .withMessageContaining("U+0000");
    String longFilter = "a".repeat(Topics.MAX_UTF8_BYTES - "$share/g/".length());
    assertThat(SharedFilter.parse("$share/g/" + longFilter)).isPresent();
    assertThatIllegalArgumentException().isThrownBy(() -> SharedFilter.parse("$share/g/" + longFilter + "a"))
        .withMessageContaining("longer than");
  }

  @Test
  void constructorChecksItsParts() {
    assertThatIllegalArgumentException().isThrownBy(() -> new SharedFilter("", "a"));
    assertThatIllegalArgumentException().isThrownBy(() -> new SharedFilter("a/b", "c"))
        .as("a slash in the group would change where the filter starts");
    assertThatIllegalArgumentException().isThrownBy(() -> new SharedFilter("g", "a/#/b"));
  }

  @Test
  void plainFiltersAreValidSubscriptionsWhenValidFilters() {
    assertThat(Topics.isValidSubscription("a/+/#")).isTrue();
    assertThat(Topics.isValidSubscription("a/#/b")).isFalse();
    assertThat(Topics.isValidSubscription("$share")).isTrue();
  }
}
