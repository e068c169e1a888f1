package io.tributary.transforms.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Folder operations on a lake that is either a local folder or an object store ({@code s3://}).
 * Locally a folder moves with one rename; on an object store, where folders are only key prefixes,
 * every object under the prefix is copied and then deleted.
 */
public final class LakeFiles {
  private LakeFiles() {}

  public static boolean isLocal(String path) {
    return !path.contains("://") || path.startsWith("file://");
  }

  /** The path without {@code file://} and without a trailing slash. */
  public static String strip(String path) {
    String p = path.startsWith("file://") ? path.substring("file://".length()) : path;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** True when the folder holds at least one file. */
  public static boolean exists(String dir) {
    if (isLocal(dir)) {
      return Files.exists(Paths.get(strip(dir)));
    }
    return !files(dir).isEmpty();
  }

  /** Every file under the folder, at any depth. */
  public static List<ResourceId> files(String dir) {
    return match(strip(dir) + "/**");
  }

  /** Files matching a glob ({@code *} within a path segment, {@code **} across); none when nothing matches. */
  public static List<ResourceId> match(String glob) {
    try {
      MatchResult result = FileSystems.match(glob);
      List<ResourceId> ids = new ArrayList<>();
      if (result.status() == MatchResult.Status.OK) {
        result.metadata().forEach(m -> ids.add(m.resourceId()));
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + glob, e);
    }
  }

  /** Moves folder {@code from} to {@code to} (which must not exist); the parent of {@code to} is created. */
  public static void move(String from, String to) {
    try {
      if (isLocal(from)) {
        Path target = Paths.get(strip(to));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.move(Paths.get(strip(from)), target, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      String source = strip(from);
      List<ResourceId> files = files(source);
      List<ResourceId> destinations = new ArrayList<>();
      for (ResourceId file : files) {
        destinations.add(FileSystems.matchNewResource(strip(to) + file.toString().substring(source.length()), false));
      }
      FileSystems.copy(files, destinations);
      FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to, e);
    }
  }

  /** Deletes a folder and everything in it; nothing happens when it does not exist. */
  public static void delete(String dir) {
    try {
      if (isLocal(dir)) {
        deleteTree(Paths.get(strip(dir)));
      } else {
        FileSystems.delete(files(dir), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /**
   * After a partition moved away, removes its parent folders that are now empty, up to (not
   * including) {@code stopAt}: a local lake should not keep {@code ebay_store=X/} with nothing in it.
   * Object stores have no empty folders, so this does nothing there.
   */
  public static void deleteEmptyParents(String dir, String stopAt) {
    if (!isLocal(dir)) {
      return;
    }
    Path stop = Paths.get(strip(stopAt)).toAbsolutePath().normalize();
    Path p = Paths.get(strip(dir)).toAbsolutePath().normalize();
    try {
      while (p != null && p.startsWith(stop) && !p.equals(stop)) {
        if (Files.isDirectory(p)) {
          try (Stream<Path> children = Files.list(p)) {
            if (children.findAny().isPresent()) {
              return;
            }
          }
          Files.delete(p);
        }
        p = p.getParent();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + dir, e);
    }
  }

  /**
   * Removes the {@code .temp-beam*} folders Beam's file writes leave (empty) in a local output
   * folder, so they are not published with it. Object stores have no empty folders.
   */
  public static void deleteBeamTempFolders(String dir) {
    if (!isLocal(dir) || !Files.isDirectory(Paths.get(strip(dir)))) {
      return;
    }
    try {
      List<Path> temps;
      try (Stream<Path> walk = Files.walk(Paths.get(strip(dir)))) {
        temps = walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(".temp-beam"))
            .collect(java.util.stream.Collectors.toList());
      }
      for (Path p : temps) {
        deleteTree(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + dir, e);
    }
  }

  /** Writes a small text file (a marker, a manifest), replacing it. */
  public static void write(String file, String text) {
    try {
      if (isLocal(file)) {
        Path path = Paths.get(strip(file));
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.writeString(path, text);
        return;
      }
      ResourceId id = FileSystems.matchNewResource(file, false);
      try (OutputStream out = Channels.newOutputStream(FileSystems.create(id, MimeTypes.TEXT))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A small text file's content, or null when there is no such file. */
  public static String read(String file) {
    List<ResourceId> found = match(strip(file));
    if (found.isEmpty()) {
      return null;
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(found.get(0)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Total bytes of the files matching a glob (what a benchmark reads). */
  public static long size(String glob) {
    try {
      MatchResult result = FileSystems.match(glob);
      long total = 0;
      if (result.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata m : result.metadata()) {
          total += m.sizeBytes();
        }
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + glob, e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
