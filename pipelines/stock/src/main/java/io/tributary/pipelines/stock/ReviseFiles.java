package io.tributary.pipelines.stock;

import io.tributary.transforms.lake.LakeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * eBay's File Exchange takes one file per upload, so each store's revise parts (written in parallel)
 * are joined, streaming, into {@code ebay_store=E/revise.csv} behind one header before publication.
 */
final class ReviseFiles {
  static final String PART_PREFIX = "revise-part";

  private ReviseFiles() {}

  /** Joins {@code <dir>/ebay_store=E/revise-part-*.csv} into {@code <dir>/ebay_store=E/revise.csv}. */
  static void join(String dir, String header) {
    Map<String, List<ResourceId>> byStore = new TreeMap<>();
    for (ResourceId part : LakeFiles.match(LakeFiles.strip(dir) + "/*/" + PART_PREFIX + "*.csv")) {
      byStore.computeIfAbsent(part.getCurrentDirectory().toString(), k -> new ArrayList<>()).add(part);
    }
    try {
      for (Map.Entry<String, List<ResourceId>> store : byStore.entrySet()) {
        List<ResourceId> parts = store.getValue();
        parts.sort((a, b) -> a.toString().compareTo(b.toString()));
        ResourceId target = store.getValue().get(0).getCurrentDirectory()
            .resolve("revise.csv", org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
        try (OutputStream out = Channels.newOutputStream(FileSystems.create(target, MimeTypes.TEXT))) {
          out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
          for (ResourceId part : parts) {
            try (InputStream in = Channels.newInputStream(FileSystems.open(part))) {
              in.transferTo(out);
            }
          }
        }
        FileSystems.delete(parts, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot join the revise files under " + dir, e);
    }
  }
}
