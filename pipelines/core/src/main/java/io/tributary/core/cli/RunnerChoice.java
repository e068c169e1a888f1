package io.tributary.core.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The three runners by short name, with the Beam options that make each one run locally on a small
 * machine. Anything the user passes explicitly (say {@code --parallelism=8} or
 * {@code --sparkMaster=spark://host:7077}) overrides these defaults.
 */
public enum RunnerChoice {
  DIRECT("DirectRunner"),
  SPARK("SparkRunner"),
  FLINK("FlinkRunner");

  /**
   * Default runner. Measured on the 2-core CI-sized machine (docs/benchmarks.md): Spark local[2]
   * ran the whole `trips run` faster than Flink local (parallelism 2) at 1M rows.
   */
  public static final RunnerChoice DEFAULT = SPARK;

  private final String beamName;

  RunnerChoice(String beamName) {
    this.beamName = beamName;
  }

  public static RunnerChoice parse(String name) {
    if (name == null || name.isBlank()) {
      return DEFAULT;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (RunnerChoice r : values()) {
      if (n.equals(r.name().toLowerCase(Locale.ROOT)) || n.equals(r.beamName.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown runner '" + name + "': use direct, spark or flink");
  }

  /** Beam options for this runner, as name to value (without the leading dashes). */
  public Map<String, String> defaults() {
    int cores = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
    Map<String, String> args = new LinkedHashMap<>();
    args.put("runner", beamName);
    switch (this) {
      case DIRECT:
        args.put("targetParallelism", String.valueOf(cores));
        break;
      case SPARK:
        args.put("sparkMaster", "local[" + cores + "]");
        // Beam caches a PCollection read by several transforms; at MEMORY_ONLY (its default) evicted
        // partitions are recomputed, which repeats the work and inflates the step counters (seen at
        // 10M rows: 15M "read" for 10M lines). Spill to disk instead.
        args.put("storageLevel", "MEMORY_AND_DISK");
        break;
      case FLINK:
        args.put("flinkMaster", "[local]");
        args.put("parallelism", String.valueOf(cores));
        // Beam's coders already guarantee immutability: skip Flink's per-element defensive copy.
        args.put("fasterCopy", "true");
        break;
      default:
        throw new AssertionError(this);
    }
    return args;
  }

  public String shortName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
