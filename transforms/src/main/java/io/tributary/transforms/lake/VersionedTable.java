package io.tributary.transforms.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A lake table whose partitions (or the whole table) are replaced by a run, keeping what each run
 * replaced as a version that {@link #rollback} restores.
 *
 * <p>Layout under the lake root: the table in {@code <table>/}, a run's output staged in
 * {@code _staging/<table>/<runId>/} (readers of the table never see it), and versions in
 * {@code _versions/<table>/<versionId>/}: {@code data/<partition>} holds the replaced content and
 * {@code _version.json} which partitions the run replaced and which it created (a rollback deletes
 * those). Version ids are run ids, which start with the UTC time, so they sort by age. The same code
 * runs on a local folder (renames) and on {@code s3://} (copies and deletes).
 */
public final class VersionedTable {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String VERSIONS = "_versions";
  public static final String STAGING = "_staging";

  private final String root;
  private final String table;

  private VersionedTable(String root, String table) {
    this.root = LakeFiles.strip(root);
    this.table = table;
  }

  public static VersionedTable of(String lakeRoot, String table) {
    return new VersionedTable(lakeRoot, table);
  }

  public String name() {
    return table;
  }

  /** The table's folder. */
  public String path() {
    return root + "/" + table;
  }

  /** A partition's folder; {@code ""} is the whole table. */
  public String path(String partition) {
    return partition.isEmpty() ? path() : path() + "/" + partition;
  }

  /** Where one run writes before it publishes. */
  public String staging(String runId) {
    return root + "/" + STAGING + "/" + table + "/" + runId;
  }

  private String versions() {
    return root + "/" + VERSIONS + "/" + table;
  }

  /**
   * Publishes {@code partitions} of {@code staging} (relative paths, {@code ""} for the whole table):
   * each existing partition moves into version {@code versionId}, then the staged one takes its place.
   * A partition absent from staging is published as empty (deleted), so a load can empty a partition.
   */
  public Version publish(String staging, Collection<String> partitions, String versionId) {
    List<String> replaced = new ArrayList<>();
    List<String> created = new ArrayList<>();
    String data = versions() + "/" + versionId + "/data";
    LakeFiles.deleteBeamTempFolders(staging);
    for (String partition : partitions) {
      String target = path(partition);
      if (LakeFiles.exists(target)) {
        LakeFiles.move(target, under(data, partition));
        replaced.add(partition);
      } else {
        created.add(partition);
      }
      String staged = under(staging, partition);
      if (LakeFiles.exists(staged)) {
        LakeFiles.move(staged, target);
      } else {
        LakeFiles.deleteEmptyParents(target, path());
      }
    }
    LakeFiles.delete(staging);
    LakeFiles.deleteEmptyParents(staging, root);
    Version version = new Version(versionId, Instant.now(), replaced, created);
    LakeFiles.write(versions() + "/" + versionId + "/_version.json", version.toJson());
    return version;
  }

  private static String under(String base, String partition) {
    return partition.isEmpty() ? base : base + "/" + partition;
  }

  /** Deletes a run's staged output (the run failed; the table was never touched). */
  public void discard(String staging) {
    LakeFiles.delete(staging);
    LakeFiles.deleteEmptyParents(staging, root);
  }

  /** The versions kept, newest first. */
  public List<Version> versions(boolean includeRolledBack) {
    List<Version> out = new ArrayList<>();
    for (ResourceId manifest : LakeFiles.match(versions() + "/*/_version.json")) {
      Version v = Version.fromJson(LakeFiles.read(manifest.toString()));
      if (includeRolledBack || !v.rolledBack) {
        out.add(v);
      }
    }
    out.sort(Comparator.comparing((Version v) -> v.id).reversed());
    return out;
  }

  /**
   * Restores the newest version: partitions it replaced come back, partitions its run created are
   * removed. What is replaced now is kept under {@code _versions/<table>/<id>/rolled_back/} until
   * pruned, and the version is marked rolled back, so a second rollback goes one version further.
   */
  public Version rollback() {
    List<Version> versions = versions(false);
    if (versions.isEmpty()) {
      throw new IllegalStateException("table " + table + " has no version to roll back to (" + versions() + " is empty)");
    }
    Version v = versions.get(0);
    String base = versions() + "/" + v.id;
    for (String partition : v.created) {
      String target = path(partition);
      if (LakeFiles.exists(target)) {
        LakeFiles.move(target, under(base + "/rolled_back", partition));
      }
      LakeFiles.deleteEmptyParents(target, path());
    }
    for (String partition : v.replaced) {
      String target = path(partition);
      if (LakeFiles.exists(target)) {
        LakeFiles.move(target, under(base + "/rolled_back", partition));
      }
      String kept = under(base + "/data", partition);
      if (LakeFiles.exists(kept)) {
        LakeFiles.move(kept, target);
      }
    }
    Version done = v.markRolledBack();
    LakeFiles.write(base + "/_version.json", done.toJson());
    return done;
  }

  /** Deletes versions made before {@code cutoff}; returns them. */
  public List<Version> pruneVersions(Instant cutoff) {
    List<Version> pruned = new ArrayList<>();
    for (Version v : versions(true)) {
      if (v.at.isBefore(cutoff)) {
        LakeFiles.delete(versions() + "/" + v.id);
        pruned.add(v);
      }
    }
    return pruned;
  }

  /** What one run replaced and created. */
  public static final class Version {
    public final String id;
    public final Instant at;
    public final List<String> replaced;
    public final List<String> created;
    public final boolean rolledBack;

    Version(String id, Instant at, List<String> replaced, List<String> created) {
      this(id, at, replaced, created, false);
    }

    private Version(String id, Instant at, List<String> replaced, List<String> created, boolean rolledBack) {
      this.id = id;
      this.at = at;
      this.replaced = replaced;
      this.created = created;
      this.rolledBack = rolledBack;
    }

    Version markRolledBack() {
      return new Version(id, at, replaced, created, true);
    }

    String toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("id", id);
      node.put("at", at.toString());
      ArrayNode r = node.putArray("replaced");
      replaced.forEach(r::add);
      ArrayNode c = node.putArray("created");
      created.forEach(c::add);
      node.put("rolled_back", rolledBack);
      return node.toPrettyString();
    }

    static Version fromJson(String text) {
      try {
        JsonNode node = JSON.readTree(text);
        List<String> replaced = new ArrayList<>();
        node.path("replaced").forEach(n -> replaced.add(n.asText()));
        List<String> created = new ArrayList<>();
        node.path("created").forEach(n -> created.add(n.asText()));
        return new Version(node.path("id").asText(), Instant.parse(node.path("at").asText()), replaced, created,
            node.path("rolled_back").asBoolean(false));
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable version manifest", e);
      }
    }

    @Override
    public String toString() {
      return id + " (" + at + (rolledBack ? ", rolled back" : "") + "): replaced " + replaced.size()
          + " partition(s), created " + created.size();
    }
  }
}
