package io.tributary.transforms.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Publication of plain files beside the lake tables (CSV exports people download, k-means model
 * JSON): a run writes them into a staging folder that is a sibling of the target, and only after
 * its tables committed moves them in, file by file, each replacing the file of the same name; files
 * of the target that the new set lacks are removed afterwards. The target folder is never absent
 * and every file in it is complete at any moment (a local move is atomic per file; on object
 * stores a file is copied whole, then the staged copy deleted). A run killed during the moves
 * leaves a mix of old and new files, each whole; rerunning the step publishes the full new set.
 * Lake tables never go this way: they are Iceberg tables with atomic commits.
 */
public final class PublishFiles {
  private PublishFiles() {}

  /** Sibling staging folder of {@code target} for one run; readers of {@code target} never see it. */
  public static String staging(String target, String runId) {
    String t = LakeFiles.strip(target);
    int slash = t.lastIndexOf('/');
    return t.substring(0, slash + 1) + "_staging_" + t.substring(slash + 1) + "_" + runId;
  }

  /** Moves every file of {@code staging} into {@code target}, then removes target files the new set lacks. */
  public static void publish(String staging, String target) {
    try {
      if (LakeFiles.isLocal(target)) {
        publishLocal(Paths.get(LakeFiles.strip(staging)), Paths.get(LakeFiles.strip(target)));
      } else {
        publishByCopy(LakeFiles.strip(staging), LakeFiles.strip(target));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not publish " + staging + " as " + target, e);
    }
  }

  /** Deletes a staging folder left by a failed run. */
  public static void discard(String staging) {
    LakeFiles.delete(staging);
  }

  private static void publishLocal(Path staging, Path target) throws IOException {
    Files.createDirectories(target);
    Set<Path> published = new HashSet<>();
    if (Files.exists(staging)) {
      for (Path file : regularFiles(staging)) {
        Path relative = staging.relativize(file);
        Path destination = target.resolve(relative.toString());
        Files.createDirectories(destination.getParent());
        Files.move(file, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        published.add(relative);
      }
    }
    for (Path old : regularFiles(target)) {
      if (!published.contains(target.relativize(old))) {
        Files.delete(old);
      }
    }
    deleteEmptyFolders(target);
    LakeFiles.deleteTree(staging);
  }

  private static List<Path> regularFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().collect(java.util.stream.Collectors.toList());
    }
  }

  /** Folders under {@code root} left empty by removed files (the root itself stays). */
  private static void deleteEmptyFolders(Path root) throws IOException {
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(root)) {
      dirs = walk.filter(Files::isDirectory).filter(d -> !d.equals(root)).sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .collect(java.util.stream.Collectors.toList());
    }
    for (Path d : dirs) {
      try (Stream<Path> entries = Files.list(d)) {
        if (entries.findAny().isEmpty()) {
          Files.delete(d);
        }
      }
    }
  }

  private static void publishByCopy(String staging, String target) throws IOException {
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
