package io.edgegateway.cli.doctor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Step 2: the endpoint's name resolves. */
final class DnsCheck {

  static final String STEP = "DNS";

  private DnsCheck() {
  }

  /** The addresses, or empty with the failure reported. */
  static List<InetAddress> resolve(String endpoint, Report report) {
    try {
      List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(endpoint));
      report.add(Check.ok(STEP, endpoint + " resolves to " + addresses.stream()
          .map(InetAddress::getHostAddress).collect(Collectors.joining(", "))));
      return addresses;
    } catch (UnknownHostException e) {
      report.add(Check.failed(STEP, "cannot resolve " + endpoint,
          "check upstream.endpoint (the account's data endpoint, as `aws iot describe-endpoint "
              + "--endpoint-type iot:Data-ATS` prints it) and this machine's DNS settings"));
      return List.of();
    }
  }
}
