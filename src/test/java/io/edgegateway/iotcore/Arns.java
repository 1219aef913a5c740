package io.edgegateway.iotcore;

/** The resource ARNs IoT Core checks a policy against, for one Region and account. */
public record Arns(String region, String account) {

  public String client(String clientId) {
    return prefix() + "client/" + clientId;
  }

  public String topic(String topic) {
    return prefix() + "topic/" + topic;
  }

  public String topicFilter(String filter) {
    return prefix() + "topicfilter/" + filter;
  }

  private String prefix() {
    return "arn:aws:iot:" + region + ":" + account + ":";
  }
}
