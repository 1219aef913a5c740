package io.edgegateway.authorizer.cognito;

import io.edgegateway.authorizer.config.AuthorizerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Sends Cognito's {@code InitiateAuth} as the plain JSON call it is ({@code POST /} with
 * {@code X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth}; it is not SigV4-signed) with the
 * JDK's {@link HttpURLConnection}, rather than through the AWS SDK, whose client build and first call cost
 * password mode's cold start about 300 ms of class loading and TLS set-up.
 * <p>
 * One attempt, no retries, bounded by the call's timeout: the connection may take that long to connect and
 * to wait for any read, and when the timeout is up before the answer is read, a timer thread (one per
 * client, started with its first call) closes the connection; an answer that comes after the timeout is a
 * timeout too. Connections are kept alive between
 * calls (the JDK's keep-alive cache). The body is handed to the connection whole, not streamed: it then
 * goes out with the length the JDK counts, without the JDK's check of a kept-alive connection before each
 * streamed request (a read with a 1 ms timeout, which costs every warm call more than a millisecond); a
 * kept-alive connection found closed as the request is written is replaced and the request written once
 * more, which the JDK does for such requests only.
 */
public final class InitiateAuthClient {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String TARGET = "AWSCognitoIdentityProviderService.InitiateAuth";
  /** Far more than Cognito's answer (three tokens) can be; a longer answer is not read. */
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private final URL url;
  private final Duration connectionTimeout;
  private Timer timer;

  /**
   * @param endpoint          where {@code POST /} goes: Cognito's endpoint (an origin)
   * @param connectionTimeout the most any call waits to connect or for a read ({@code cognitoTimeout})
   */
  public InitiateAuthClient(URI endpoint, Duration connectionTimeout) {
    try {
      this.url = endpoint.resolve("/").toURL();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an http(s) URL: " + endpoint, e);
    }
    this.connectionTimeout = connectionTimeout;
  }

  /** For the configured endpoint, else the user pool's Region's. */
  public static InitiateAuthClient create(AuthorizerConfig config) {
    URI endpoint = config.cognitoEndpoint()
        .orElseGet(() -> URI.create("https://cognito-idp." + config.cognitoRegion() + ".amazonaws.com/"));
    return new InitiateAuthClient(endpoint, config.cognitoTimeout());
  }

  URL url() {
    return url;
  }

  /** Cognito's answer: its HTTP status, its {@code x-amzn-ErrorType} header (when present) and its body. */
  record Answer(int status, String errorType, byte[] body) {
  }

  /** Closes a connection whose call has run out of time. */
  private static final class Abort extends TimerTask {
    private final HttpURLConnection connection;
    private volatile boolean fired;

    Abort(HttpURLConnection connection) {
      this.connection = connection;
    }

    @Override
    public void run() {
      fired = true;
      connection.disconnect();
    }
  }

  private synchronized Timer timer() {
    if (timer == null) {
      timer = new Timer("cognito-call-timeout", true);
    }
    return timer;
  }

  /**
   * Posts the request body (JSON in UTF-8) and reads the answer, whatever its status.
   *
   * @throws SocketTimeoutException when the answer is not complete within the timeout
   * @throws IOException            when Cognito cannot be reached or the connection fails
   */
  Answer post(byte[] body, Duration timeout) throws IOException {
    long start = System.nanoTime();
    long budget = Math.min(timeout.toNanos(), connectionTimeout.toNanos());
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setConnectTimeout(millis(budget));
    connection.setReadTimeout(millis(budget));
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", CONTENT_TYPE);
    connection.setRequestProperty("X-Amz-Target", TARGET);
    Abort abort = new Abort(connection);
    timer().schedule(abort, millis(remaining(start, budget)));
    boolean read = false;
    try {
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      if (abort.fired) {
        // the time ran out while connecting (or looking the name up), when closing cannot stop it
        throw new SocketTimeoutException("connected after " + budget / 1_000_000 + " ms");
      }
      int status = connection.getResponseCode();
      String errorType = connection.getHeaderField("x-amzn-ErrorType");
      byte[] answer;
      try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        answer = in == null ? new byte[0] : readBounded(in);
      }
      read = true;
      if (abort.fired || remaining(start, budget) <= 0) {
        throw new SocketTimeoutException("answered after " + budget / 1_000_000 + " ms");
      }
      return new Answer(status, errorType, answer);
    } catch (IOException e) {
      if (abort.fired && !read) {
        throw new SocketTimeoutException("no answer within " + budget / 1_000_000 + " ms");
      }
      throw e;
    } finally {
      abort.cancel();
      if (!read) {
        // a connection in an unknown state is not kept for the next call
        connection.disconnect();
      }
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
    if (bytes.length > MAX_RESPONSE_BYTES) {
      throw new IOException("an answer longer than " + MAX_RESPONSE_BYTES + " bytes");
    }
    return bytes;
  }

  private static long remaining(long start, long budget) {
    return budget - (System.nanoTime() - start);
  }

  /** At least 1 ms (0 would mean no timeout at all). */
  private static int millis(long nanos) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
  }
}
