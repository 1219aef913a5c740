package io.edgegateway.spool;

import static io.edgegateway.spool.SpoolFixture.await;
import static io.edgegateway.spool.SpoolFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolOpenerTest {

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07.089Z"));

  @Test
  void createsAnEmptySpool() throws Exception {
    SpoolOpener.Opened opened = new SpoolOpener(clock).open(dir.resolve("state/spool"), Durability.FULL);
    try (SpoolStore store = opened.store()) {
      assertThat(opened.recovered()).isFalse();
      assertThat(store.totals().messages()).isZero();
    }
    assertThat(dir.resolve("state/spool").resolve(SpoolStore.FILE_NAME)).exists();
  }

  @Test
  void aDirectoryNameWithUriCharactersIsUsedAsItIs() throws Exception {
    Path odd = dir.resolve("state ?mode=ro&immutable=1 #1 %20 ü");
    SpoolOpener.Opened opened = new SpoolOpener(clock).open(odd, Durability.FULL);
    try (SpoolStore store = opened.store()) {
      store.insert(1, SpoolFixture.message("a", 1));
      store.commit();
    }
    assertThat(odd.resolve(SpoolStore.FILE_NAME)).exists();
    assertThat(SpoolFixture.rowsSeenByAnotherConnection(odd)).isEqualTo(1);
  }

  @Test
  void aFileThatIsNotADatabaseIsMovedAsideAndANewSpoolStarts() throws Exception {
    byte[] junk = "this is not a database, it is a text file that is long enough to look like a header"
        .repeat(100).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve(SpoolStore.FILE_NAME), junk);

    SpoolOpener.Opened opened = new SpoolOpener(clock).open(dir, Durability.FULL);

    assertThat(opened.recovered()).isTrue();
    Path aside = dir.resolve("spool.db.corrupt-20260304T050607.089Z");
    assertThat(opened.movedAside()).contains(aside);
    assertThat(aside).hasBinaryContent(junk);
    assertThat(opened.problem()).hasValueSatisfying(p -> assertThat(p).isNotBlank());
    SpoolWriter spool = new SpoolWriter(opened.store(), SpoolOptions.defaults(), clock).start();
    assertThat(await(spool.append(message("a", 1)))).isEqualTo(1);
    await(spool.close());
  }

  @Test
  void aDatabaseWithDamagedPagesIsMovedAside() throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), clock).start();
    for (int i = 0; i < 2_000; i++) {
      spool.append(message("device-" + (i % 50), i));
    }
    await(spool.append(message("last", 0)));
    await(spool.close());
    Path file = dir.resolve(SpoolStore.FILE_NAME);
    long size = SpoolFixture.damagePages(dir);

    SpoolOpener.Opened opened = new SpoolOpener(clock).open(dir, Durability.FULL);
    try (SpoolStore store = opened.store()) {
      assertThat(opened.recovered()).isTrue();
      assertThat(opened.movedAside()).hasValueSatisfying(p -> assertThat(p).exists().hasSize(size));
      assertThat(store.totals().messages()).isZero();
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }
  }
}
