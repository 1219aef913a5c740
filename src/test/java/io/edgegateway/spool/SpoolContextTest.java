package io.edgegateway.spool;

import static io.edgegateway.spool.SpoolFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SpoolContextTest {

  @TempDir
  Path dir;

  @Test
  void futuresCompleteOnTheCallersContextNotOnTheWriterThread(Vertx vertx, VertxTestContext test) throws Exception {
    SpoolWriter spool = SpoolFixture.writer(dir, SpoolOptions.defaults(), Clock.systemUTC()).start();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> spool.append(message("a", 1))
        .compose(id -> {
          test.verify(() -> {
            assertThat(Vertx.currentContext()).isSameAs(context);
            assertThat(Context.isOnEventLoopThread()).isTrue();
          });
          return spool.readAfter(0, 10);
        })
        .compose(rows -> {
          test.verify(() -> assertThat(Vertx.currentContext()).isSameAs(context));
          return spool.close();
        })
        .onComplete(test.succeedingThenComplete()));
  }
}
