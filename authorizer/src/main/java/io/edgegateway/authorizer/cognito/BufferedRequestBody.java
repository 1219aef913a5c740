package io.edgegateway.authorizer.cognito;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Takes the {@code Content-Length} header off the request the SDK hands to its URLConnection client, so
 * that the client lets {@link java.net.HttpURLConnection} buffer the (small) JSON body and send it with
 * the length it counts itself, instead of putting the connection in fixed-length streaming mode.
 * <p>
 * Why: before each streaming-mode POST on a kept-alive connection, the JDK checks that the connection
 * is still open by reading from it with a 1 ms timeout ({@code sun.net.www.http.HttpClient.available()}),
 * which costs every warm {@code InitiateAuth} more than a millisecond of waiting. A buffered POST skips
 * that check; a kept-alive connection found closed when the request is sent is replaced by a new one and
 * the request written once more (the JDK does this for buffered requests only). The call stays bounded
 * by the client's call timeout. The server still receives a {@code Content-Length}.
 */
final class BufferedRequestBody implements ExecutionInterceptor {
  static final String CONTENT_LENGTH = "Content-Length";

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
    SdkHttpRequest request = context.httpRequest();
    if (request.firstMatchingHeader(CONTENT_LENGTH).isEmpty()) {
      return request;
    }
    return request.toBuilder().removeHeader(CONTENT_LENGTH).build();
  }
}
