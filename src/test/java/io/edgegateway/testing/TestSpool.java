package io.edgegateway.testing;

import io.edgegateway.spool.Durability;
import io.edgegateway.spool.SpoolOpener;
import io.edgegateway.spool.SpoolOptions;
import io.edgegateway.spool.SpoolWriter;
import io.edgegateway.spool.SpooledMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A spool written by the gateway's own {@link SpoolWriter}, through its public API, for tests outside the
 * spool package. Each message goes to topic {@code dt/<device>} with a payload of zero bytes of the given
 * length, so its size is {@link #size}.
 */
public final class TestSpool implements AutoCloseable {

  private final SpoolWriter writer;
  private boolean closed;

  private TestSpool(SpoolWriter writer) {
    this.writer = writer;
  }

  /** Opens (creating) the spool in {@code directory}; no expiry sweep runs while the test does. */
  public static TestSpool open(Path directory) throws Exception {
    SpoolOptions options = SpoolOptions.defaults().withMaxMessages(10_000_000).withMaxBytes(1L << 40)
        .withSweepInterval(Duration.ofDays(1)).withDurability(Durability.NORMAL);
    SpoolOpener.Opened opened = new SpoolOpener(Clock.systemUTC()).open(directory, options.durability());
    return new TestSpool(new SpoolWriter(opened.store(), options, Clock.systemUTC()).start());
  }

  /** The bytes a message of {@link #append} counts: payload, topic and client id. */
  public static int size(String device, int payloadBytes) {
    return message(device, payloadBytes, Instant.EPOCH).size();
  }

  /** Stores a QoS 1 message accepted at {@code acceptedAt}; completes once it has been committed. */
  public Future<Long> append(String device, int payloadBytes, Instant acceptedAt) {
    return writer.append(message(device, payloadBytes, acceptedAt));
  }

  /** Like {@link #append}, and waits for the commit. */
  public long appendCommitted(String device, int payloadBytes, Instant acceptedAt) throws Exception {
    return await(append(device, payloadBytes, acceptedAt));
  }

  /** Waits up to 10 s for a spool future. */
  public static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Closes the spool cleanly, as the gateway does when it stops: the WAL is checkpointed and removed. */
  @Override
  public void close() throws Exception {
    if (!closed) {
      closed = true;
      await(writer.close());
    }
  }

  private static SpooledMessage message(String device, int payloadBytes, Instant acceptedAt) {
    return new SpooledMessage(0, device, "dt/" + device, Buffer.buffer(new byte[payloadBytes]), 1, false, 0,
        acceptedAt.toEpochMilli(), SpooledMessage.NEVER);
  }
}
