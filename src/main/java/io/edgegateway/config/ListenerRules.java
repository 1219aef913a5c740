package io.edgegateway.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules that span listeners, or listeners and {@code auth}: names are unique, no two listeners bind
 * the same address and port, and a listener that refuses anonymous devices has something to check the
 * others against: a password file, or Cognito with {@code upstream.identity: device}. Values that were already rejected are left out, so one mistake is not
 * reported twice.
 */
final class ListenerRules {

  private ListenerRules() {
  }

  /** @param devicesCheckable whether devices' passwords can be checked (a password file, or Cognito) */
  static void check(List<ListenerDraft> listeners, boolean devicesCheckable, ReadContext context) {
    uniqueNames(listeners, context);
    distinctBindings(listeners, context);
    if (!devicesCheckable) {
      listeners.forEach(listener -> reachable(listener, context));
    }
  }

  private static void uniqueNames(List<ListenerDraft> listeners, ReadContext context) {
    Map<String, ListenerDraft> byName = new HashMap<>();
    for (ListenerDraft listener : listeners) {
      ConfigSection s = listener.section();
      if (s.rejected() || s.failed("name") || s.failed("type") || s.failed("port")) {
        continue;
      }
      String name = listener.config().name();
      ListenerDraft first = byName.putIfAbsent(name, listener);
      if (first == null) {
        continue;
      }
      String firstPath = first.section().path();
      if (s.isSet("name")) {
        context.problem(s.originOf("name"), s.pathOf("name"),
            "\"" + name + "\" is already the name of " + firstPath + "; listener names must be unique");
      } else {
        context.problem(s.origin(), s.path(), "its default name \"" + name + "\" is already the name of "
            + firstPath + "; give the listeners distinct names");
      }
    }
  }

  private static void distinctBindings(List<ListenerDraft> listeners, ReadContext context) {
    for (int j = 0; j < listeners.size(); j++) {
      ListenerDraft later = listeners.get(j);
      if (!bindable(later)) {
        continue;
      }
      for (int i = 0; i < j; i++) {
        ListenerDraft earlier = listeners.get(i);
        ListenerConfig a = earlier.config();
        ListenerConfig b = later.config();
        if (bindable(earlier) && a.port() == b.port() && Hosts.overlap(a.host(), b.host())) {
          ConfigSection s = later.section();
          context.problem(s.originOf("port"), s.pathOf("port"), Hosts.endpoint(b.host(), b.port())
              + " clashes with " + earlier.section().path() + " (" + a.name() + ") on "
              + Hosts.endpoint(a.host(), a.port()) + "; two listeners cannot bind the same address and port");
          break;
        }
      }
    }
  }

  private static boolean bindable(ListenerDraft listener) {
    ConfigSection s = listener.section();
    return listener.config().port() != 0
        && !s.rejected() && !s.failed("port") && !s.failed("host") && !s.failed("type");
  }

  private static void reachable(ListenerDraft listener, ReadContext context) {
    ConfigSection s = listener.section();
    ListenerConfig config = listener.config();
    if (config.allowAnonymous() || s.rejected() || s.failed("allowAnonymous") || s.failed("host")) {
      return;
    }
    String remedy = "set auth.passwordFile (see config/passwd.example)";
    if (listener.anonymousExplicit()) {
      context.problem(s.originOf("allowAnonymous"), s.pathOf("allowAnonymous"),
          "is false but auth.passwordFile is not set, so no device could ever connect to this listener; "
              + remedy + " or allow anonymous access");
    } else {
      context.problem(s.originOf("host"), s.path(), "refuses anonymous devices, the default for "
          + config.host() + " because it is not a loopback address, but auth.passwordFile is not set, so no "
          + "device could ever connect; " + remedy + ", or set allowAnonymous: true to accept devices "
          + "without credentials");
    }
  }
}
