package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.lake.VersionedTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing partitions with versions kept, rollback (twice), and pruning versions, on a local lake. */
class VersionedTableTest {
  @TempDir Path lake;

  private String stage(VersionedTable t, String run, String partition, String content) throws Exception {
    String staging = t.staging(run);
    Path file = Path.of(staging, partition, "data.parquet");
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return staging;
  }

  private String read(String partition) throws Exception {
    Path file = lake.resolve("store").resolve(partition).resolve("data.parquet");
    return Files.exists(file) ? Files.readString(file) : null;
  }

  @Test
  void publishKeepsWhatItReplacesAndRollbackGoesBackOneVersionAtATime() throws Exception {
    VersionedTable t = VersionedTable.of(lake.toString(), "store");
    t.publish(stage(t, "20240601T000000Z-a", "s=A", "a1"), List.of("s=A"), "20240601T000000Z-a");
    String run2 = stage(t, "20240602T000000Z-b", "s=A", "a2");
    stage(t, "20240602T000000Z-b", "s=B", "b2");
    VersionedTable.Version v2 = t.publish(run2, List.of("s=A", "s=B"), "20240602T000000Z-b");
    assertEquals(List.of("s=A"), v2.replaced);
    assertEquals(List.of("s=B"), v2.created);
    assertEquals("a2", read("s=A"));
    assertFalse(Files.exists(lake.resolve("_staging")), "staging removed after publishing");

    // A partition listed but not staged is published empty (removed).
    t.publish(t.staging("20240603T000000Z-c"), List.of("s=B"), "20240603T000000Z-c");
    assertFalse(Files.exists(lake.resolve("store/s=B")));

    t.rollback();
    assertEquals("b2", read("s=B"));
    t.rollback();
    assertEquals("a1", read("s=A"));
    assertFalse(Files.exists(lake.resolve("store/s=B")), "created by run 2, gone with it");
    t.rollback();
    assertEquals(null, read("s=A"), "run 1 created the table");
    assertThrows(IllegalStateException.class, t::rollback, "nothing older");
    assertEquals(3, t.versions(true).size());
    assertTrue(t.versions(false).isEmpty());

    assertEquals(3, t.pruneVersions(Instant.now().plusSeconds(60)).size());
    assertTrue(t.versions(true).isEmpty());
  }
}
