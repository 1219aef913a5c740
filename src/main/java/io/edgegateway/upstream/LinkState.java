package io.edgegateway.upstream;

/** Where one upstream connection stands. */
public enum LinkState {
  /** Not started, or stopped. */
  STOPPED,
  /** Getting credentials, or waiting for CONNACK. */
  CONNECTING,
  /** Connected: messages flow. */
  CONNECTED,
  /** Lost or failed for a network reason; waiting to try again. */
  RETRYING,
  /** The authorizer (or Cognito) refused the credentials; waiting longer to try again. */
  DENIED
}
