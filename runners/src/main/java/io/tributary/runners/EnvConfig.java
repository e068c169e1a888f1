package io.tributary.runners;

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
    String home = System.getenv("TRIBUTARY_HOME");
    if (!Files.exists(candidate) && home != null && Files.exists(Paths.get(home, "config", name))) {
      return Paths.get(home, "config", name).toString();
    }
    return candidate.toString();
  }

  /** A value by dotted path ({@code trips.routes.k}), or null. */
  public String get(String path) {
    JsonNode node = node(path);
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
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
}
