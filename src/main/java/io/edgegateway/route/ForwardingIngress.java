package io.edgegateway.route;

import io.edgegateway.local.Ingress;
import io.edgegateway.message.Message;
import io.vertx.core.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's {@link Ingress} when the gateway has an upstream: each message a device publishes is
 * routed by the forward rules; a forwarded one is safe once the next stage (the upstream link) says so,
 * a refused one is refused to its device with the rule's reason code, one that matches no rule is
 * safe at once (it stays local).
 */
public final class ForwardingIngress implements Ingress {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardingIngress.class);

  private volatile Router router;
  private final Function<Route.Forward, Future<Void>> next;
  private final RouteStats stats;

  /**
   * @param next completes when the forwarded message is safe
   */
  public ForwardingIngress(Router router, Function<Route.Forward, Future<Void>> next, RouteStats stats) {
    this.router = router;
    this.next = next;
    this.stats = stats;
  }

  /** Routes by {@code next} from now on (a reload of the rules). Any thread. */
  public void replace(Router next) {
    router = next;
  }

  @Override
  public Future<Void> accept(Message message) {
    Route route = router.forward(message);
    if (route instanceof Route.Forward forward) {
      stats.forwarded(forward.ruleIndex());
      return next.apply(forward);
    }
    if (route instanceof Route.Refuse refuse) {
      if (stats.refused(refuse.reasonCode())) {
        LOG.warn("refused a message from client {} on {} (forward rule {}): {}; further refusals are counted "
            + "and logged at debug level", message.clientId(), message.topic(), refuse.ruleIndex(), refuse.reason());
      } else {
        LOG.debug("refused a message from client {} on {}: {}", message.clientId(), message.topic(), refuse.reason());
      }
      return Future.failedFuture(new RefusedException(refuse.reasonCode(), refuse.reason(), true));
    }
    return Future.succeededFuture();
  }
}
