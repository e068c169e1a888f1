package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.lake.ReplaceDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaceDirectoryTest {
  @TempDir Path lake;

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void commitReplacesTheWholeFolder() throws Exception {
    Path target = lake.resolve("curated/trips");
    Files.createDirectories(target.resolve("region=A"));
    Files.writeString(target.resolve("region=A/old.parquet"), "old");
    String staging = ReplaceDirectory.staging(target.toString(), "run2");
    Files.createDirectories(Path.of(staging, "region=B"));
    Files.writeString(Path.of(staging, "region=B/new.parquet"), "new");

    ReplaceDirectory.commit(staging, target.toString());

    assertEquals(List.of("region=B/new.parquet"), files(target));
    assertFalse(Files.exists(Path.of(staging)));
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      assertEquals(List.of("trips"), siblings.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
  }

  @Test
  void discardLeavesThePublishedVersion() throws Exception {
    Path target = lake.resolve("reports/x");
    Files.createDirectories(target);
    Files.writeString(target.resolve("part.parquet"), "v1");
    String staging = ReplaceDirectory.staging(target.toString(), "failed");
    Files.createDirectories(Path.of(staging));
    Files.writeString(Path.of(staging, "half-written"), "?");

    ReplaceDirectory.discard(staging);

    assertEquals(List.of("part.parquet"), files(target));
    assertEquals("v1", Files.readString(target.resolve("part.parquet")));
    assertFalse(Files.exists(Path.of(staging)));
  }

  @Test
  void stagingIsASiblingNobodyReads() {
    String staging = ReplaceDirectory.staging("/lake/curated/trips", "r1");
    assertEquals("/lake/curated/_staging_trips_r1", staging);
    assertTrue(!staging.startsWith("/lake/curated/trips/"));
  }
}
