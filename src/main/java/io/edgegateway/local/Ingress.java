package io.edgegateway.local;

import io.edgegateway.message.Message;
import io.vertx.core.Future;

/**
 * Where the broker hands every message a device published, after local delivery. The returned future
 * completes when the message is safe: only then does the device get its PUBACK (QoS 1) or PUBREC
 * (QoS 2). A failed future refuses the message; an MQTT 5 device learns why from the reason code of a
 * {@link RefusedException}.
 */
@FunctionalInterface
public interface Ingress {

  Future<Void> accept(Message message);

  /** A gateway that forwards nothing upstream: a message is safe once delivered locally. */
  Ingress LOCAL_ONLY = m -> Future.succeededFuture();

  /**
   * A refusal with the MQTT 5 reason code to give the publishing device. A permanent refusal (the
   * message can never be accepted: too large, a topic IoT Core refuses) is acknowledged and dropped for
   * an MQTT 3.1.1 device, which has no negative acknowledgement; a passing one (a full queue, a link
   * going down) closes its connection unacknowledged, so that it publishes the message again later.
   */
  final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int reasonCode;
    private final boolean permanent;

    /** A passing refusal: the same message may be accepted later. */
    public RefusedException(int reasonCode, String message) {
      this(reasonCode, message, false);
    }

    public RefusedException(int reasonCode, String message, boolean permanent) {
      super(message, null, false, false);
      this.reasonCode = reasonCode;
      this.permanent = permanent;
    }

    public int reasonCode() {
      return reasonCode;
    }

    public boolean permanent() {
      return permanent;
    }
  }
}
