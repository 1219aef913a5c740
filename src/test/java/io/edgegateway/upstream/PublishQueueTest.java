package io.edgegateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.route.Route;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue of one upstream connection, driven without a connection: the SDK client is a final class
 * around a native one, so a message is put in flight and its PUBACK delivered through the queue's own
 * fields and callback, as its send and the SDK's completion would.
 */
@ExtendWith(VertxExtension.class)
class PublishQueueTest {

  private static final int QUOTA_EXCEEDED = 0x97;

  @Test
  void aThrottlingPubackThatArrivesAfterTheConnectionEndedDoesNotQueueTheMessageTwice(Vertx vertx)
      throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Integer> waiting = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        PublishQueue queue = new PublishQueue(vertx, context, new QuotaLimiter(100, 512 * 1024, System.nanoTime()),
            100, why -> { }, new LinkCounters());
        PendingPublish p = new PendingPublish(new Route.Forward("dt/gw/a", Buffer.buffer("1"), 1, false, "a", 0),
            Long.MAX_VALUE);
        queue.add(p); // no connection yet: it waits
        inFlightOnGeneration(queue, p, 1);

        // the connection ends (renewal after its drain bound, or a publish in trouble): p waits again, in its place
        queue.connectionLost();
        assertThat(queue.waiting()).isEqualTo(1);
        // the old client's PUBACK for p, 0x97, was already on its way and arrives after that
        completed(queue, p, 1, QUOTA_EXCEEDED);

        waiting.complete(queue.waiting());
      } catch (Throwable e) {
        waiting.completeExceptionally(e);
      }
    });

    assertThat(waiting.get(10, TimeUnit.SECONDS)).as("times the message waits to be sent").isEqualTo(1);
  }

  /** What {@code send} does, without a client: the message leaves the waiting queue and is in flight. */
  @SuppressWarnings("unchecked")
  private static void inFlightOnGeneration(PublishQueue queue, PendingPublish p, long generation) throws Exception {
    ArrayDeque<PendingPublish> waiting = (ArrayDeque<PendingPublish>) field("waiting").get(queue);
    ArrayDeque<PendingPublish> inflight = (ArrayDeque<PendingPublish>) field("inflight").get(queue);
    assertThat(waiting.poll()).isSameAs(p);
    inflight.add(p);
    field("inflightQos1").setInt(queue, 1);
    field("generation").setLong(queue, generation);
    p.sentOn = generation;
  }

  /** The SDK's completion of the publish, as the queue receives it on its context. */
  private static void completed(PublishQueue queue, PendingPublish p, long sentOn, int code) throws Exception {
    Method completed = PublishQueue.class.getDeclaredMethod("completed", PendingPublish.class, long.class,
        Integer.class, Throwable.class);
    completed.setAccessible(true);
    completed.invoke(queue, p, sentOn, code, null);
  }

  private static Field field(String name) throws NoSuchFieldException {
    Field f = PublishQueue.class.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
