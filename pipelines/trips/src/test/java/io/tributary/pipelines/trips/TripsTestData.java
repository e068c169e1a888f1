package io.tributary.pipelines.trips;

import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Options and small CSV fixtures for the trips tests. */
final class TripsTestData {
  private TripsTestData() {}

  static TripsOptions options(Path lake, String runId) {
    TripsOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--lake=" + lake,
        "--jdbcUrl=jdbc:h2:file:" + lake.toAbsolutePath() + "/h2/test", "--runId=" + runId).as(TripsOptions.class);
    return o;
  }

  static Path csv(Path dir, String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(file, TripParser.HEADER + "\n" + String.join("\n", lines) + "\n");
    return file;
  }

  static String trip(String region, double ox, double oy, double dx, double dy, String when, String source) {
    return region + ",POINT (" + ox + " " + oy + "),POINT (" + dx + " " + dy + ")," + when + "," + source;
  }

  static StepReport run(io.tributary.core.step.PipelineStep step, TripsOptions options) {
    return new StepExecutor(options, System.err).run(step);
  }
}
