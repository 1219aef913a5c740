package io.edgegateway.authorizer;

import io.edgegateway.authorizer.config.AuthorizerConfig;
import io.edgegateway.authorizer.config.ConfigException;
import io.edgegateway.authorizer.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;

/** A valid Lambda environment for tests; each test changes what it is about. */
public final class TestEnvironment {
  public static final String POOL_ID = "eu-west-1_AbCdEf123";
  public static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "eu-west-1";

  private TestEnvironment() {
  }

  public static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("COGNITO_USER_POOL_ID", POOL_ID);
    env.put("COGNITO_CLIENT_ID", CLIENT_ID);
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCOUNT_ID", ACCOUNT);
    return env;
  }

  public static Map<String, String> with(String... keysAndValues) {
    Map<String, String> env = minimal();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] == null) {
        env.remove(keysAndValues[i]);
      } else {
        env.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return env;
  }

  /** The configuration of {@link #with}; a test that needs an invalid one calls the loader itself. */
  public static AuthorizerConfig config(String... keysAndValues) {
    try {
      return ConfigLoader.load(with(keysAndValues));
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
  }
}
