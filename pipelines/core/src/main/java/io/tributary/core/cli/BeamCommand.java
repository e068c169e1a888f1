package io.tributary.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * Options every pipeline command shares. Anything picocli does not recognise ({@code --name=value})
 * is handed to Beam's PipelineOptions, so Beam users keep {@code --parallelism=2},
 * {@code --sparkMaster=...}, {@code --endpoint=...} and friends; Beam rejects unknown names clearly.
 */
public abstract class BeamCommand {
  @Option(names = "--runner", description = "direct, spark or flink (default: config runner, else spark: measured fastest here)",
      defaultValue = "")
  protected String runner;

  @Option(names = "--lake", description = "Lake root: local folder or s3://bucket/prefix (default: config, else ./lake)")
  protected String lake;

  @Option(names = "--jdbc-url", description = "JDBC URL (default: config, else an H2 file database inside the lake)")
  protected String jdbcUrl;

  @Option(names = "--catalog-uri", description = "Iceberg JDBC catalog shared by every writer of the lake "
      + "(jdbc:postgresql:..., jdbc:mariadb:...; default: config catalogUri, else an H2 file inside the lake)")
  protected String catalogUri;

  @Option(names = "--env", defaultValue = "local", description = "Reads config/<env>.yaml (local, dev, stage, prod); default ${DEFAULT-VALUE}")
  protected String env;

  @Option(names = "--config-dir", description = "Folder holding <env>.yaml (default ./config, else $TRIBUTARY_HOME/config)")
  protected String configDir;

  @Unmatched
  protected List<String> beamArgs = new ArrayList<>();

  private EnvConfig config;

  protected EnvConfig config() {
    if (config == null) {
      config = EnvConfig.load(env, configDir);
    }
    return config;
  }

  protected RunnerChoice runnerChoice() {
    String name = runner == null || runner.isBlank() ? config().get("runner") : runner;
    return RunnerChoice.parse(name);
  }

  /**
   * On Spark, cache PCollections serialized, spilling to disk, instead of Beam's default (objects in
   * memory): for pipelines whose cached PCollections hold millions of rows, which Beam's Spark
   * runner caches whenever one is read twice. A {@code --storageLevel=} flag still wins.
   */
  protected void cacheSerializedOnSpark(Map<String, String> fromConfig) {
    if (runnerChoice() == RunnerChoice.SPARK) {
      fromConfig.put("storageLevel", "MEMORY_AND_DISK_SER");
    }
  }

  /**
   * The options of a pipeline from its config section ({@code trips:}, {@code stock:}) then the
   * command's flags: every key of the section maps to the option of the same name, nested keys
   * joined in camelCase ({@code routes: {k: 5}} is {@code routesK}); a list maps through
   * {@code converters} (by option name). A key that is no option of {@code type} and not one the
   * command reads itself ({@code commandKeys}) is an error naming it and the valid names: a
   * misspelt setting must not be silently ignored.
   */
  public <T extends PipelineOptions> T pipelineOptions(Class<T> type, String section,
      Map<String, java.util.function.Function<JsonNode, String>> converters, java.util.Set<String> commandKeys,
      Map<String, String> stepArgs) {
    return options(type, configSection(type, section, converters, commandKeys), stepArgs);
  }

  protected Map<String, String> configSection(Class<? extends PipelineOptions> type, String section,
      Map<String, java.util.function.Function<JsonNode, String>> converters, java.util.Set<String> commandKeys) {
    java.util.Set<String> names = optionNames(type);
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode node = config().node(section);
    if (node != null && node.isObject()) {
      flatten(section, "", node, names, converters, commandKeys, values);
    }
    return values;
  }

  private void flatten(String path, String prefix, JsonNode node, java.util.Set<String> names,
      Map<String, java.util.function.Function<JsonNode, String>> converters, java.util.Set<String> commandKeys,
      Map<String, String> values) {
    for (java.util.Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      String name = prefix.isEmpty() ? key : prefix + Character.toUpperCase(key.charAt(0)) + key.substring(1);
      String keyPath = path + "." + key;
      JsonNode value = field.getValue();
      if (commandKeys.contains(name)) {
        continue;
      }
      if (converters.containsKey(name)) {
        values.put(name, converters.get(name).apply(value));
      } else if (value.isObject()) {
        flatten(keyPath, name, value, names, converters, commandKeys, values);
      } else if (!names.contains(name)) {
        List<String> known = new ArrayList<>(names);
        known.sort(null);
        throw new IllegalArgumentException("config " + config().describe() + ": " + keyPath + " is not a setting of "
            + path.substring(0, path.indexOf('.') < 0 ? path.length() : path.indexOf('.')) + " (settings: "
            + String.join(", ", known) + ")");
      } else if (!value.isContainerNode()) {
        values.put(name, config().get(keyPath));
      }
    }
  }

  /** The option names {@code type} declares (its getters, not Beam's general ones). */
  static java.util.Set<String> optionNames(Class<? extends PipelineOptions> type) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (java.lang.reflect.Method m : type.getMethods()) {
      if (m.getParameterCount() != 0 || !PipelineOptions.class.isAssignableFrom(m.getDeclaringClass())
          || m.getDeclaringClass().getName().startsWith("org.apache.beam.")) {
        continue;
      }
      String n = m.getName();
      String bare = n.startsWith("get") ? n.substring(3) : n.startsWith("is") ? n.substring(2) : null;
      if (bare != null && !bare.isEmpty()) {
        names.add(Character.toLowerCase(bare.charAt(0)) + bare.substring(1));
      }
    }
    return names;
  }

  /**
   * The command's flags as pipeline options: every field marked {@link StepArg} (in this command,
   * its superclasses and its mixins), by the marked name; unset flags are null. Commands that add
   * fixed options (a streaming flag) extend the map.
   */
  protected Map<String, String> stepArgs() {
    Map<String, String> args = new java.util.HashMap<>();
    collectStepArgs(this, args);
    return args;
  }

  private static void collectStepArgs(Object holder, Map<String, String> args) {
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        StepArg arg = f.getAnnotation(StepArg.class);
        boolean mixin = f.isAnnotationPresent(picocli.CommandLine.Mixin.class);
        if (arg == null && !mixin) {
          continue;
        }
        Object value;
        try {
          f.setAccessible(true);
          value = f.get(holder);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read flag " + f, e);
        }
        if (mixin) {
          if (value != null) {
            collectStepArgs(value, args);
          }
        } else {
          args.put(arg.value(), value == null ? null : String.valueOf(value));
        }
      }
    }
  }

  /**
   * Options of a pipeline: runner defaults, then the common config values, then {@code fromConfig}
   * (the pipeline's section), then the command's flags ({@code stepArgs}), then Beam pass-through.
   * Null or blank values are skipped, so each layer only overrides what it sets.
   */
  protected <T extends PipelineOptions> T options(Class<T> type, Map<String, String> fromConfig, Map<String, String> stepArgs) {
    EnvConfig cfg = config();
    Map<String, String> args = new LinkedHashMap<>(runnerChoice().defaults());
    putIfSet(args, "lake", lake != null ? lake : cfg.get("lake"));
    putIfSet(args, "jdbcUrl", jdbcUrl != null ? jdbcUrl : cfg.get("jdbcUrl"));
    putIfSet(args, "catalogUri", catalogUri != null ? catalogUri : cfg.get("catalogUri"));
    fromConfig.forEach((k, v) -> putIfSet(args, k, v));
    stepArgs.forEach((k, v) -> putIfSet(args, k, v));
    List<String> raw = new ArrayList<>();
    for (String arg : beamArgs) {
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 2) {
        args.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else {
        raw.add(arg);
      }
    }
    args.forEach((k, v) -> raw.add("--" + k + "=" + v));
    String sparkMaster = args.get("sparkMaster");
    if ("SparkRunner".equals(args.get("runner")) && sparkMaster != null && sparkMaster.startsWith("local")) {
      // Local Spark otherwise binds its driver to the first non-loopback interface: keep it on this machine.
      setIfAbsent("spark.driver.host", "127.0.0.1");
      setIfAbsent("spark.driver.bindAddress", "127.0.0.1");
      // Shuffles otherwise get as many partitions as cores (2 here): a 19M-row store upsert then held
      // ~10M rows per task and ran an 8 GiB heap out of memory. 8 partitions per core keeps a task's
      // share small; small runs pay a few milliseconds per extra task.
      setIfAbsent("spark.default.parallelism", String.valueOf(8 * Runtime.getRuntime().availableProcessors()));
    }
    refuseEmbeddedCatalogOnACluster(args);
    PipelineOptionsFactory.register(type);
    // Beam's AWS module registers only AwsOptions: without this, S3 flags such as
    // --s3ClientFactoryClass (path-style addressing for S3Proxy/MinIO) are rejected as unknown.
    PipelineOptionsFactory.register(org.apache.beam.sdk.io.aws2.options.S3Options.class);
    return PipelineOptionsFactory.fromArgs(raw.toArray(new String[0])).withValidation().as(type);
  }

  /**
   * An embedded (H2 file) catalog lives on this machine: a cluster's workers write table files the
   * driver commits, so a run on a cluster master needs a catalog and warehouse every node reaches.
   */
  public static void refuseEmbeddedCatalogOnACluster(Map<String, String> args) {
    String uri = args.get("catalogUri");
    boolean embedded = uri == null || uri.isBlank() || uri.startsWith("jdbc:h2:");
    String spark = args.get("sparkMaster");
    String flink = args.get("flinkMaster");
    boolean cluster = spark != null && !spark.startsWith("local")
        || flink != null && !flink.equals("[local]") && !flink.equals("[auto]") && !flink.equals("[collection]");
    if (embedded && cluster) {
      throw new IllegalArgumentException(
          "the lake's catalog is an embedded H2 file, which a cluster (" + (spark != null && !spark.startsWith("local")
              ? "--sparkMaster=" + spark : "--flinkMaster=" + flink) + ") cannot share: configure a shared catalog with"
              + " --catalog-uri=jdbc:postgresql://HOST:5432/DB (or catalogUri in config/<env>.yaml) and a lake every node"
              + " reaches (s3://...)");
    }
  }

  private static void putIfSet(Map<String, String> args, String name, String value) {
    if (value != null && !value.isBlank()) {
      args.put(name, value);
    }
  }

  /** Sets a JVM system property unless the user already set it (with -D in JAVA_OPTS). */
  public static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
