package io.edgegateway.ops;

import io.edgegateway.spool.SpoolStats;
import io.edgegateway.upstream.LinkStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the gateway can take devices' messages now, and why not. Ready means: started and not stopping,
 * every configured listener bound, and the spool (if any) able to write. The upstream link does not
 * decide it: during an outage the spool keeps what devices send, which is the gateway's job; its state
 * is reported alongside.
 *
 * @param ready     whether every condition holds
 * @param reasons   each condition that does not hold, in words; empty when ready
 * @param listeners each configured listener's bound port, null while it is not listening
 * @param upstream  the state of each upstream connection; empty for a local-only gateway
 * @param spool     the spool's last totals; empty for a local-only gateway
 */
public record Readiness(boolean ready, List<String> reasons, Map<String, Integer> listeners,
    List<LinkStatus> upstream, Optional<SpoolStats> spool) {

  /** Where the gateway is in its life. */
  public enum Phase { STARTING, RUNNING, STOPPING }

  /**
   * @param listenerNames the configured listeners
   * @param boundPorts    the listeners bound so far, by name
   */
  public static Readiness of(Phase phase, List<String> listenerNames, Map<String, Integer> boundPorts,
      List<LinkStatus> upstream, Optional<SpoolStats> spool) {
    List<String> reasons = new ArrayList<>();
    if (phase == Phase.STARTING) {
      reasons.add("the gateway is starting");
    } else if (phase == Phase.STOPPING) {
      reasons.add("the gateway is stopping");
    }
    Map<String, Integer> listeners = new LinkedHashMap<>();
    for (String name : listenerNames) {
      Integer port = boundPorts.get(name);
      listeners.put(name, port);
      if (port == null && phase != Phase.STOPPING) {
        reasons.add("listener " + name + " is not listening");
      }
    }
    if (spool.isPresent() && spool.get().storageFailing()) {
      reasons.add("the spool cannot write to its disk (full or failing): forwarded messages are refused");
    }
    return new Readiness(reasons.isEmpty(), List.copyOf(reasons), listeners, List.copyOf(upstream), spool);
  }
}
