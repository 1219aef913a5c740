package io.edgegateway.ops;

/** One page of the ops HTTP listener. Called on the listener's event loop: it must not block. */
@FunctionalInterface
public interface OpsEndpoint {

  OpsResponse respond();
}
