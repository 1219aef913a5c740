package io.edgegateway.authorizer;

/** Decides one custom-authorizer event. Never throws: any failure is a denial. */
public interface Authorizer {
  Decision decide(byte[] event, Invocation invocation);
}
