package io.edgegateway.spool;

import io.edgegateway.iotcore.Arrival;

/**
 * One message of a {@link SequenceDevice}: the device's client id and the number it published.
 *
 * @param device the device's client id
 * @param number the number it published; -1 for an arrival that is not such a message
 */
record DeviceMessage(String device, int number) {

  /** The message an arrival carries: forwarded to {@code dt/<gateway id>/<device>}, the number as payload. */
  static DeviceMessage of(Arrival arrival) {
    String[] levels = arrival.topic().split("/");
    try {
      return new DeviceMessage(levels[2], Integer.parseInt(arrival.payloadText()));
    } catch (RuntimeException notOneOfOurs) {
      return new DeviceMessage(arrival.topic(), -1);
    }
  }
}
