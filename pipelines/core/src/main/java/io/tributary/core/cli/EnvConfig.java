package io.tributary.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code config/<env>.yaml}: per-environment defaults (lake, JDBC URL, runner, k, bounding boxes).
 * Flags on the command line always win over the file.
 */
public final class EnvConfig {
  private final Path file;
  private final JsonNode root;

  private EnvConfig(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /** Looks in {@code configDir}, else ./config, else $TRIBUTARY_HOME/config. */
  public static EnvConfig load(String env, String configDir) {
    if (!env.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("bad --env '" + env + "'");
    }
    List<Path> candidates = new ArrayList<>();
    if (configDir != null) {
      candidates.add(Paths.get(configDir));
    } else {
      candidates.add(Paths.get("config"));
      String home = System.getenv("TRIBUTARY_HOME");
      if (home != null) {
        candidates.add(Paths.get(home, "config"));
      }
    }
    for (Path dir : candidates) {
      Path file = dir.resolve(env + ".yaml");
      if (Files.isRegularFile(file)) {
        try {
          JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
          return new EnvConfig(file, root == null ? new ObjectMapper().createObjectNode() : root);
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
      }
    }
    if ("local".equals(env)) {
      return new EnvConfig(null, new ObjectMapper().createObjectNode());
    }
    throw new IllegalArgumentException("no config for --env=" + env + ": looked for " + env + ".yaml in " + candidates);
  }

  public String describe() {
    return file == null ? "built-in defaults" : file.toString();
  }

  /** A file beside the env config ({@code config/suppliers.yaml}); ./config when none was read. */
  public String sibling(String name) {
    Path dir = file == null ? Paths.get("config") : file.toAbsolutePath().getParent();
    Path candidate = dir.resolve(name);
    return Files.exists(candidate) ? candidate.toString() : configFile(name).toString();
  }

  /**
   * A shipped config file by name, as every command finds one: {@code ./config/NAME}, else
   * {@code $TRIBUTARY_HOME/config/NAME} (the launcher sets it), so a command run outside the
   * checkout still finds the defaults. The first candidate when neither exists (its error names it).
   */
  public static Path configFile(String name) {
    Path local = Paths.get("config", name);
    String home = System.getenv("TRIBUTARY_HOME");
    if (!Files.exists(local) && home != null && Files.exists(Paths.get(home, "config", name))) {
      return Paths.get(home, "config", name);
    }
    return local;
  }

  /**
   * A value by dotted path ({@code trips.routes.k}), or null. {@code ${NAME}} inside a value is
   * replaced by the environment variable NAME, so a config file can name a password without holding
   * it ({@code jdbcUrl: "jdbc:postgresql://db:5432/lake?user=etl&password=${TRIBUTARY_DB_PASSWORD}"}).
   */
  public String get(String path) {
    JsonNode node = node(path);
    if (node == null || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String value = expand(path, node.asText(), System::getenv);
    io.tributary.transforms.secrets.Redact.remember(value);
    return value;
  }

  private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** {@code value} with each {@code ${NAME}} replaced; an unset variable is an error naming it (never a value). */
  static String expand(String key, String value, java.util.function.UnaryOperator<String> env) {
    java.util.regex.Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.apply(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("config key " + key + " refers to the environment variable " + m.group(1)
            + ", which is not set");
      }
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  public JsonNode node(String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      if (node == null) {
        return null;
      }
      node = node.get(part);
    }
    return node;
  }

  /**
   * A table's snapshot retention: {@code retention.<namespace>.<table>}, else {@code retention.default},
   * else 30d (what {@code table expire} and {@code stock prune} use without {@code --older-than}).
   */
  public String retention(String table) {
    String own = get("retention." + table);
    if (own != null && !own.isBlank()) {
      return own.trim();
    }
    String all = get("retention.default");
    return all != null && !all.isBlank() ? all.trim() : "30d";
  }
}
