package io.edgegateway.authorizer.policy;

import java.util.regex.Pattern;

/** Where the policy's resources live: {@code arn:<partition>:iot:<region>:<account>:...}. */
public record ResourceScope(String partition, String region, String account) {
  private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  public ResourceScope {
    require(PARTITION, partition, "partition");
    require(REGION, region, "region");
    require(ACCOUNT, account, "account");
  }

  public String arn(String resourceType, String value) {
    return "arn:" + partition + ":iot:" + region + ":" + account + ":" + resourceType + "/" + value;
  }

  public static boolean isRegion(String value) {
    return value != null && REGION.matcher(value).matches();
  }

  public static boolean isAccount(String value) {
    return value != null && ACCOUNT.matcher(value).matches();
  }

  public static boolean isPartition(String value) {
    return value != null && PARTITION.matcher(value).matches();
  }

  private static void require(Pattern pattern, String value, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid AWS " + what + ": " + value);
    }
  }
}
