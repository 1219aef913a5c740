package io.edgegateway.iotcore;

/** The IoT actions the MQTT endpoint checks, by their policy names. */
public enum IotAction {
  CONNECT("iot:Connect"),
  PUBLISH("iot:Publish"),
  RECEIVE("iot:Receive"),
  SUBSCRIBE("iot:Subscribe"),
  RETAIN_PUBLISH("iot:RetainPublish");

  private final String policyName;

  IotAction(String policyName) {
    this.policyName = policyName;
  }

  public String policyName() {
    return policyName;
  }
}
