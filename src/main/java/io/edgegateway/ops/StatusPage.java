package io.edgegateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The status page's files, read once from the classpath: {@code /} (the HTML), {@code /status.js} and
 * {@code /status.css}. Everything the page needs comes from the gateway; it fetches {@code /status.json}.
 */
final class StatusPage {

  static final String HTML = "text/html; charset=utf-8";
  static final String JS = "text/javascript; charset=utf-8";
  static final String CSS = "text/css; charset=utf-8";

  private StatusPage() {
  }

  /** A file of this package's resources, as an endpoint answering 200 with it. */
  static OpsEndpoint file(String name, String contentType) {
    OpsResponse response = new OpsResponse(200, contentType, read(name));
    return () -> response;
  }

  private static String read(String name) {
    try (InputStream in = StatusPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the status page's " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the status page's " + name, e);
    }
  }
}
