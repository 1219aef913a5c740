package io.edgegateway.spool;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a spool database held at one moment, as read by {@link SpoolInspector}: one consistent snapshot.
 *
 * @param database         the spool database file
 * @param inspectedAt      when it was read; ages are counted to this instant
 * @param messages         messages in the spool
 * @param bytes            their bytes, counted as {@link SpooledMessage#size()} (payload, topic, client id)
 * @param oldestAcceptedAt when the oldest message was accepted; empty when the spool is empty
 * @param devices          totals per device, most messages first (then by client id)
 */
public record SpoolReport(Path database, Instant inspectedAt, long messages, long bytes,
    Optional<Instant> oldestAcceptedAt, List<DeviceTotals> devices) {

  /** Most messages first; equal counts in client id order, so the listing is stable. */
  static final Comparator<DeviceTotals> ORDER =
      Comparator.comparingLong(DeviceTotals::messages).reversed().thenComparing(DeviceTotals::clientId);

  /**
   * One device's messages in the spool.
   *
   * @param clientId         the device's MQTT client id
   * @param messages         its messages in the spool
   * @param bytes            their bytes
   * @param oldestAcceptedAt when its oldest message was accepted
   */
  public record DeviceTotals(String clientId, long messages, long bytes, Instant oldestAcceptedAt) {
    public DeviceTotals {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(oldestAcceptedAt, "oldestAcceptedAt");
    }
  }

  public SpoolReport {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(inspectedAt, "inspectedAt");
    Objects.requireNonNull(oldestAcceptedAt, "oldestAcceptedAt");
    devices = List.copyOf(devices);
  }

  /** A report whose totals are the sums of {@code devices}, listed in {@link #ORDER}. */
  static SpoolReport of(Path database, Instant inspectedAt, List<DeviceTotals> devices) {
    long messages = 0;
    long bytes = 0;
    Instant oldest = null;
    for (DeviceTotals d : devices) {
      messages += d.messages();
      bytes += d.bytes();
      if (oldest == null || d.oldestAcceptedAt().isBefore(oldest)) {
        oldest = d.oldestAcceptedAt();
      }
    }
    return new SpoolReport(database, inspectedAt, messages, bytes, Optional.ofNullable(oldest),
        devices.stream().sorted(ORDER).toList());
  }

  /** How long the oldest message has waited; empty when the spool is empty. */
  public Optional<Duration> oldestAge() {
    return oldestAcceptedAt.map(this::ageOf);
  }

  /** How long a message accepted at {@code acceptedAt} has waited (negative if the clock went back since). */
  public Duration ageOf(Instant acceptedAt) {
    return Duration.between(acceptedAt, inspectedAt);
  }
}
