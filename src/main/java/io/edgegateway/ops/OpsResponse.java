package io.edgegateway.ops;

/**
 * What an ops endpoint answers.
 *
 * @param status      HTTP status code
 * @param contentType the body's media type
 * @param body        the body
 */
public record OpsResponse(int status, String contentType, String body) {

  static final String JSON = "application/json";

  static OpsResponse json(int status, String body) {
    return new OpsResponse(status, JSON, body);
  }
}
