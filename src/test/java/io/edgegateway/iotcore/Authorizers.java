package io.edgegateway.iotcore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint's authorizers by name, and which one is the default (as {@code aws iot set-default-authorizer}).
 * A username naming an authorizer that is not here is refused, as is one naming none when there is no default.
 */
public final class Authorizers {
  private final Map<String, Authorizer> byName;
  private final Optional<String> defaultName;

  private Authorizers(Map<String, Authorizer> byName, Optional<String> defaultName) {
    this.byName = Map.copyOf(byName);
    this.defaultName = defaultName;
  }

  /** One authorizer, also the default. */
  public static Authorizers single(String name, Authorizer authorizer) {
    return new Authorizers(Map.of(name, authorizer), Optional.of(name));
  }

  public static Authorizers none() {
    return new Authorizers(Map.of(), Optional.empty());
  }

  public Authorizers with(String name, Authorizer authorizer) {
    Map<String, Authorizer> copy = new LinkedHashMap<>(byName);
    copy.put(name, authorizer);
    return new Authorizers(copy, defaultName.or(() -> Optional.of(name)));
  }

  public Authorizers withDefault(String name) {
    if (!byName.containsKey(name)) {
      throw new IllegalArgumentException("no authorizer named " + name);
    }
    return new Authorizers(byName, Optional.of(name));
  }

  public Authorizers withoutDefault() {
    return new Authorizers(byName, Optional.empty());
  }

  /** The authorizer a username asks for: its {@code x-amz-customauthorizer-name}, else the default. */
  public Optional<Authorizer> select(Optional<String> requested) {
    return requested.or(() -> defaultName).map(byName::get);
  }
}
