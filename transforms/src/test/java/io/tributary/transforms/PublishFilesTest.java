package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.lake.PublishFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain files beside the tables (exports, models): staged by a run, moved in file by file after its commit. */
class PublishFilesTest {
  @TempDir Path lake;

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void publishReplacesSameNamedFilesAndRemovesThoseTheNewSetLacks() throws Exception {
    Path target = lake.resolve("exports/ebay");
    Files.createDirectories(target.resolve("ebay_store=A"));
    Files.createDirectories(target.resolve("ebay_store=B"));
    Files.writeString(target.resolve("ebay_store=A/revise.csv"), "old A");
    Files.writeString(target.resolve("ebay_store=B/revise.csv"), "old B");
    String staging = PublishFiles.staging(target.toString(), "run2");
    Files.createDirectories(Path.of(staging, "ebay_store=A"));
    Files.writeString(Path.of(staging, "ebay_store=A/revise.csv"), "new A");

    PublishFiles.publish(staging, target.toString());

    assertEquals(List.of("ebay_store=A/revise.csv"), files(target), "B had nothing to revise this run: gone, with its folder");
    assertEquals("new A", Files.readString(target.resolve("ebay_store=A/revise.csv")));
    assertFalse(Files.exists(target.resolve("ebay_store=B")));
    assertFalse(Files.exists(Path.of(staging)));
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      assertEquals(List.of("ebay"), siblings.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
          "no staging or old folder left beside the target");
    }
  }

  @Test
  void anEmptyRunPublishesAnEmptyTargetAndDiscardLeavesThePublishedFiles() throws Exception {
    Path target = lake.resolve("models/x");
    Files.createDirectories(target);
    Files.writeString(target.resolve("model.json"), "v1");
    String failed = PublishFiles.staging(target.toString(), "failed");
    Files.createDirectories(Path.of(failed));
    Files.writeString(Path.of(failed, "half-written"), "?");
    PublishFiles.discard(failed);
    assertEquals(List.of("model.json"), files(target));
    assertEquals("v1", Files.readString(target.resolve("model.json")));
    assertFalse(Files.exists(Path.of(failed)));

    PublishFiles.publish(PublishFiles.staging(target.toString(), "empty"), target.toString());
    assertTrue(Files.isDirectory(target));
    assertEquals(List.of(), files(target));
  }

  @Test
  void stagingIsASiblingNobodyReads() {
    String staging = PublishFiles.staging("/lake/exports/ebay", "r1");
    assertEquals("/lake/exports/_staging_ebay_r1", staging);
    assertTrue(!staging.startsWith("/lake/exports/ebay/"));
  }
}
