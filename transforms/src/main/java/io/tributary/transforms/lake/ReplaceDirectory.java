package io.tributary.transforms.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Replace-by-swap for lake tables that are rewritten whole (curated trips, routes, reports).
 *
 * <p>A step writes into {@link #staging} and, only after the pipeline succeeded, calls
 * {@link #commit}. A failed or killed run therefore never touches the published folder: readers keep
 * seeing the previous complete version. On a local lake the swap is two directory renames (the old
 * version is removed afterwards). On object stores (s3://) there is no rename: files are copied in,
 * then the old files deleted, so a reader racing the commit may briefly see both versions.
 */
public final class ReplaceDirectory {
  private ReplaceDirectory() {}

  /** Sibling staging folder of {@code target} for one run; readers of {@code target} never see it. */
  public static String staging(String target, String runId) {
    String t = strip(target);
    int slash = t.lastIndexOf('/');
    return t.substring(0, slash + 1) + "_staging_" + t.substring(slash + 1) + "_" + runId;
  }

  /** Publishes {@code staging} as {@code target}; an absent staging folder publishes an empty table. */
  public static void commit(String staging, String target) {
    try {
      if (isLocal(target)) {
        commitLocal(Paths.get(strip(staging)), Paths.get(strip(target)));
      } else {
        commitByCopy(strip(staging), strip(target));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not publish " + staging + " as " + target, e);
    }
  }

  /** Deletes a staging folder left by a failed run. */
  public static void discard(String staging) {
    LakeFiles.delete(staging);
  }

  static boolean isLocal(String path) {
    return LakeFiles.isLocal(path);
  }

  private static String strip(String path) {
    return LakeFiles.strip(path);
  }

  private static void commitLocal(Path staging, Path target) throws IOException {
    if (!Files.exists(staging)) {
      Files.createDirectories(staging);
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path old = target.resolveSibling("_old_" + target.getFileName() + "_" + staging.getFileName());
    if (Files.exists(target)) {
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    LakeFiles.deleteTree(old);
  }

  private static void commitByCopy(String staging, String target) throws IOException {
    List<ResourceId> oldFiles = LakeFiles.files(target);
    List<ResourceId> newFiles = LakeFiles.files(staging);
    List<ResourceId> destinations = new ArrayList<>();
    for (ResourceId file : newFiles) {
      String relative = file.toString().substring(staging.length());
      destinations.add(FileSystems.matchNewResource(target + relative, false));
    }
    FileSystems.copy(newFiles, destinations);
    List<ResourceId> stale = new ArrayList<>();
    for (ResourceId old : oldFiles) {
      if (!destinations.contains(old)) {
        stale.add(old);
      }
    }
    FileSystems.delete(stale, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    FileSystems.delete(newFiles, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
