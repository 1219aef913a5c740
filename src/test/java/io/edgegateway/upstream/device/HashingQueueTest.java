package io.edgegateway.upstream.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HashingQueueTest {

  @Test
  void beyondItsBoundATaskIsRefusedAtOnceAndRoomComesBackAsTasksEnd(Vertx vertx) throws Exception {
    WorkerExecutor executor = vertx.createSharedWorkerExecutor("hashing-test", 1);
    HashingQueue queue = new HashingQueue(executor, 3);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Integer>> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      held.add(queue.submit(() -> {
        release.await(10, TimeUnit.SECONDS);
        return n;
      }));
    }

    Future<Integer> refused = queue.submit(() -> 99);
    Future<Boolean> removal = queue.always(() -> true);

    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(HashingQueue.Busy.class).hasMessageContaining("3 password checks");
    release.countDown();
    assertThat(Future.all(held).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).<Integer>list())
        .containsExactly(0, 1, 2);
    assertThat(removal.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(queue.submit(() -> 7).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(7);
    executor.close();
  }
}
