package io.edgegateway.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The configuration as the gateway will use it, defaults filled in, as YAML: each section and setting
 * under the name of the record component that holds it. Secrets show where they come from, never what
 * they are. Every section is printed as it is, so a new one needs nothing here.
 */
public final class EffectiveConfig {

  private EffectiveConfig() {
  }

  /** Each top-level section's value as printed (maps, lists and scalars), by key, in order. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> sections(GatewayConfig config) {
    return (Map<String, Object>) value(config);
  }

  /** The YAML text of {@code config}. */
  public static String yaml(GatewayConfig config) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).build();
    return new Dump(settings).dumpToString(value(config));
  }

  private static Object value(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof Secret s) {
      return "(secret, from " + s.origin() + ")";
    }
    if (v instanceof Duration d) {
      return duration(d);
    }
    if (v instanceof Path || v instanceof Enum<?> || v instanceof Character) {
      return v instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') : v.toString();
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(value(item)));
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, item) -> out.put(String.valueOf(k), value(item)));
      return out;
    }
    if (v.getClass().isRecord()) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (RecordComponent c : v.getClass().getRecordComponents()) {
        out.put(c.getName(), value(component(v, c)));
      }
      return out;
    }
    return v.toString();
  }

  private static Object component(Object record, RecordComponent c) {
    try {
      c.getAccessor().setAccessible(true);
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getSimpleName(), e);
    }
  }

  /**
   * In the configuration's own units: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d}; zero
   * as {@code 0s}, as the file writes it (such as {@code upstream.devices.offlineAdmission: 0s}).
   */
  private static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis == 0) {
      return "0s";
    }
    for (ChronoUnit unit : new ChronoUnit[] {ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
        ChronoUnit.SECONDS}) {
      long unitMillis = unit.getDuration().toMillis();
      if (millis != 0 && millis % unitMillis == 0) {
        return millis / unitMillis + switch (unit) {
          case DAYS -> "d";
          case HOURS -> "h";
          case MINUTES -> "m";
          default -> "s";
        };
      }
    }
    return millis + "ms";
  }
}
