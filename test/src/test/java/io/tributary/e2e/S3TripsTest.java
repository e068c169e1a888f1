package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.runners.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `trips run` with its input and its Iceberg warehouse on S3 (S3Proxy on 127.0.0.1, signed requests,
 * path-style): table files go through Iceberg's S3FileIO configured from the same flags as Beam's
 * S3 file system; the catalog is a JDBC catalog of the test's own. The sample's trips per region
 * and the hand-worked weekly averages come back through `table export`, the k-means models are on
 * S3 beside the tables; a rerun adds a snapshot, rollback and clean work on S3.
 */
class S3TripsTest {
  static final String BUCKET = "lake";

  @TempDir Path dir;

  private int cli(S3ProxyServer s3, String catalog, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--lake=s3://" + BUCKET + "/lake");
    all.add("--catalog-uri=" + catalog);
    all.addAll(s3.beamFlags());
    return Main.execute(all.toArray(new String[0]));
  }

  @Test
  void tripsRunWithTheWarehouseOnS3() throws Exception {
    System.setProperty("tributary.stacktrace", "true"); // a failed run shows where in the S3 client
    String catalog = "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath() + "/iceberg;DATABASE_TO_LOWER=TRUE";
    try (S3ProxyServer s3 = new S3ProxyServer(BUCKET)) {
      s3.put(BUCKET, "in/trips.csv", Path.of("..", "samples", "trips.csv"));
      assertEquals(0, cli(s3, catalog, "trips", "run", "--runner=direct", "--config-dir=../config",
          "--source=s3://" + BUCKET + "/in/trips.csv"));
      List<String> keys = s3.keys(BUCKET, "lake/warehouse/trips/curated_trips/");
      assertTrue(keys.stream().anyMatch(k -> k.startsWith("lake/warehouse/trips/curated_trips/data/region=Turin/")), keys.toString());
      assertTrue(keys.stream().anyMatch(k -> k.contains("/metadata/") && k.endsWith(".metadata.json")), keys.toString());

      Path out = dir.resolve("out");
      assertEquals(0, cli(s3, catalog, "table", "export", "trips.curated_trips", "--to=" + out, "--format=csv"));
      assertTrue(s3.keys(BUCKET, "lake/models/trips_routes/").stream().anyMatch(k -> k.endsWith("region=Turin/model.json")));
      assertEquals(0, cli(s3, catalog, "table", "export", "trips.weekly_average", "--to=" + out, "--format=csv",
          "--where=report = 'region_weekly_average'"));
      assertEquals(List.of("region_weekly_average,Hamburg,,,28,5,5.6", "region_weekly_average,Prague,,,34,5,6.8",
          "region_weekly_average,Turin,,,38,5,7.6"), Files.readAllLines(out.resolve("weekly_average.csv")).stream()
          .skip(1).sorted().collect(Collectors.toList()));
      java.util.Map<String, Long> perRegion = Files.readAllLines(out.resolve("curated_trips.csv")).stream().skip(1)
          .collect(Collectors.groupingBy(l -> l.substring(0, l.indexOf(',')), java.util.TreeMap::new, Collectors.counting()));
      assertEquals(java.util.Map.of("Hamburg", 28L, "Prague", 34L, "Turin", 38L), perRegion, "the sample's regions");

      assertEquals(0, cli(s3, catalog, "trips", "transform", "--runner=direct", "--config-dir=../config"));
      assertEquals(0, cli(s3, catalog, "table", "rollback", "trips.curated_trips"));
      assertEquals(0, cli(s3, catalog, "table", "clean", "--grace=0s"));
    }
  }
}
