package io.tributary.core.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;

/**
 * The list of data files one run wrote into one table, handed from the workers to the driver: a
 * Beam pipeline cannot return a collection to its driver, so the one task that gathers the files
 * writes the list under a fixed per-run name in the table's folder, and the driver reads it after
 * {@code waitUntilFinish()}. A retried task overwrites it; no list means the run wrote no file.
 */
public final class PendingFiles {
  private PendingFiles() {}

  /** {@code <table location>/pending/<runId>-<step>.files}. */
  public static String path(Table table, String runId, String step) {
    return path(table.location(), runId, step);
  }

  public static String path(String tableLocation, String runId, String step) {
    return tableLocation + "/pending/" + runId + "-" + step + ".files";
  }

  /**
   * {@code <table location>/pending/<runId>-<step>.partitions}: the partitions (as table partition
   * paths) a key upsert touched, so the commit also rewrites those it left empty.
   */
  public static String partitionsPath(String filesPath) {
    return filesPath.substring(0, filesPath.length() - ".files".length()) + ".partitions";
  }

  public static void writePartitions(FileIO io, String path, List<String> partitions) {
    try (OutputStream out = io.newOutputFile(path).createOrOverwrite()) {
      out.write(String.join("\n", partitions).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the list of partitions at " + path, e);
    }
  }

  /** The partitions listed at {@code path}; none when there is no list. */
  public static java.util.Set<String> readPartitions(FileIO io, String path) {
    InputFile file = io.newInputFile(path);
    try {
      if (!file.exists()) {
        return java.util.Set.of();
      }
    } catch (NotFoundException e) {
      return java.util.Set.of();
    }
    try (InputStream in = file.newStream()) {
      java.util.Set<String> partitions = new java.util.TreeSet<>();
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          partitions.add(line);
        }
      }
      return partitions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the list of partitions at " + path, e);
    }
  }

  public static void write(FileIO io, String path, List<DataFile> files) {
    try (OutputStream out = io.newOutputFile(path).createOrOverwrite();
        ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(new ArrayList<>(files));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the list of files at " + path, e);
    }
  }

  /** The files of the list at {@code path}; empty when there is none. */
  @SuppressWarnings("unchecked")
  public static List<DataFile> read(FileIO io, String path) {
    InputFile file = io.newInputFile(path);
    try {
      if (!file.exists()) {
        return List.of();
      }
    } catch (NotFoundException e) {
      return List.of();
    }
    try (InputStream in = file.newStream(); ObjectInputStream objects = new ObjectInputStream(in)) {
      return (List<DataFile>) objects.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot read the list of files at " + path + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code io} can list a folder (S3 and Hadoop file systems can; some catalogs' FileIOs cannot). */
  public static boolean canList(FileIO io) {
    return io instanceof org.apache.iceberg.io.SupportsPrefixOperations;
  }

  /** The files under {@code prefix}; none when the folder does not exist (listing fails lazily, when iterated). */
  public static List<org.apache.iceberg.io.FileInfo> list(FileIO io, String prefix) {
    List<org.apache.iceberg.io.FileInfo> files = new ArrayList<>();
    if (!canList(io)) {
      throw new IllegalStateException("cannot list files with " + io.getClass().getSimpleName());
    }
    try {
      ((org.apache.iceberg.io.SupportsPrefixOperations) io).listPrefix(prefix).forEach(files::add);
    } catch (RuntimeException missing) {
      return List.of(); // HadoopFileIO: FileNotFoundException wrapped, for a folder never written
    }
    return files;
  }

  /** Deletes the list at {@code path} (and, for a list of files, the run's list of partitions beside it). */
  public static void delete(FileIO io, String path) {
    try {
      io.deleteFile(path);
    } catch (RuntimeException e) {
      // already gone: nothing to tidy
    }
    if (path.endsWith(".files")) {
      delete(io, partitionsPath(path));
    }
  }
}
