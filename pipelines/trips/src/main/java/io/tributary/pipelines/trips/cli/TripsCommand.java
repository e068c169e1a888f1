package io.tributary.pipelines.trips.cli;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.EnvConfig;
import io.tributary.core.cli.RunSummary;
import io.tributary.core.cli.RunnerChoice;
import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.Lake;
import io.tributary.core.step.PipelineStep;
import io.tributary.pipelines.trips.BoundingBox;
import io.tributary.pipelines.trips.IngestTrips;
import io.tributary.pipelines.trips.ReportTrips;
import io.tributary.pipelines.trips.RouteTrips;
import io.tributary.pipelines.trips.TransformTrips;
import io.tributary.pipelines.trips.TripsDatabase;
import io.tributary.pipelines.trips.TripsOptions;
import io.tributary.pipelines.trips.TripsSql;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import io.tributary.core.cli.StepArg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary trips <step>}: the vehicle-trips pipeline. */
@Command(name = "trips", mixinStandardHelpOptions = true,
    description = "Vehicle trips: ingest, transform (dedup), routes (k-means), report (weekly averages).",
    subcommands = {
      TripsCommand.Ingest.class, TripsCommand.Transform.class, TripsCommand.Routes.class,
      TripsCommand.Report.class, TripsCommand.Run.class, TripsCommand.Sql.class, TripsCommand.LoadDb.class
    })
public final class TripsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /**
   * A trips step's options: runner defaults, the config's {@code trips:} section (generic, the
   * bounding boxes list as their spec), the command's flags, Beam pass-through.
   */
  public static TripsOptions tripsOptions(BeamCommand command, Map<String, String> stepArgs) {
    return command.pipelineOptions(TripsOptions.class, "trips", Map.of("boundingBoxes", TripsCommand::boxesSpec),
        java.util.Set.of(), stepArgs);
  }

  public static String boxesSpec(com.fasterxml.jackson.databind.JsonNode boxes) {
    if (boxes == null || !boxes.isArray()) {
      return null;
    }
    List<String> specs = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode b : boxes) {
      specs.add(new BoundingBox(b.path("id").asLong(), b.path("x_min").asDouble(), b.path("y_min").asDouble(),
          b.path("x_max").asDouble(), b.path("y_max").asDouble()).spec());
    }
    return String.join(";", specs);
  }

  /** Runs the given steps in order with one summary at the end. */
  public abstract static class StepsCommand extends BeamCommand implements Callable<Integer> {
    abstract List<Function<TripsOptions, PipelineStep>> steps();

    @Override
    public Integer call() {
      TripsOptions options = tripsOptions(this, stepArgs());
      Lake.runId(options);
      RunSummary summary = new RunSummary("trips " + String.join(" ", commandName()) + " (run " + options.getRunId()
          + ", runner " + runnerChoice().shortName() + ", lake " + options.getLake() + ", config " + config().describe() + ")");
      StepExecutor executor = new StepExecutor(options, System.err);
      for (Function<TripsOptions, PipelineStep> step : steps()) {
        summary.add(executor.run(step.apply(options)));
      }
      summary.print(System.out);
      return 0;
    }

    abstract String commandName();
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Append CSV files (glob, local or s3://) or a JDBC table to trips.raw_trips; bad rows to trips.dead_letters.")
  public static final class Ingest extends StepsCommand {
    @StepArg("source")
    @Option(names = "--source", description = "FILE.csv (glob allowed, local or s3://) or jdbc:TABLE (default: config trips.source)")
    String source;


    @Override
    List<Function<TripsOptions, PipelineStep>> steps() {
      return List.of(IngestTrips::new);
    }

    @Override
    String commandName() {
      return "ingest";
    }
  }

  @Command(name = "transform", mixinStandardHelpOptions = true,
      description = "Deduplicate all raw trips into trips.curated_trips (by region and day; one snapshot, replaced atomically).")
  public static final class Transform extends StepsCommand {
    @Override
    List<Function<TripsOptions, PipelineStep>> steps() {
      return List.of(TransformTrips::new);
    }

    @Override
    String commandName() {
      return "transform";
    }
  }

  @Command(name = "routes", mixinStandardHelpOptions = true,
      description = "Fit k-means routes per region; models to lake/models/trips_routes, trips to trips.trip_routes.")
  public static final class Routes extends StepsCommand {
    @StepArg("routesK")
    @Option(names = "--k", description = "Routes per region (default: config trips.routes.k, else 5)")
    Integer k;

    @StepArg("routesSeed")
    @Option(names = "--seed", description = "k-means++ seed (default: config trips.routes.seed, else 42)")
    Long seed;


    @Override
    List<Function<TripsOptions, PipelineStep>> steps() {
      return List.of(RouteTrips::new);
    }

    @Override
    String commandName() {
      return "routes";
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Weekly average trips per region, route and bounding box, to JDBC report_weekly_average and trips.weekly_average.")
  public static final class Report extends StepsCommand {
    @StepArg("boundingBoxSource")
    @Option(names = "--bounding-box-source", description = "options (config trips.boundingBoxes) or jdbc (bounding_boxes table)")
    String boxSource;


    @Override
    List<Function<TripsOptions, PipelineStep>> steps() {
      return List.of(ReportTrips::new);
    }

    @Override
    String commandName() {
      return "report";
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "ingest, transform, routes and report, in order.")
  public static final class Run extends StepsCommand {
    @StepArg("source")
    @Option(names = "--source", description = "FILE.csv (glob allowed, local or s3://) or jdbc:TABLE (default: config trips.source)")
    String source;

    @StepArg("routesK")
    @Option(names = "--k", description = "Routes per region (default: config trips.routes.k, else 5)")
    Integer k;

    @StepArg("boundingBoxSource")
    @Option(names = "--bounding-box-source", description = "options (config trips.boundingBoxes) or jdbc (bounding_boxes table)")
    String boxSource;


    @Override
    List<Function<TripsOptions, PipelineStep>> steps() {
      return List.of(IngestTrips::new, TransformTrips::new, RouteTrips::new, ReportTrips::new);
    }

    @Override
    String commandName() {
      return "run";
    }
  }

  @Command(name = "sql", mixinStandardHelpOptions = true,
      description = "Run the seed's two questions (shipped SQL files) over the JDBC trips table.")
  public static final class Sql extends BeamCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      String url = Lake.jdbcUrl(tripsOptions(this, new HashMap<>()));
      for (Map.Entry<String, String> q : TripsSql.QUESTIONS.entrySet()) {
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = TripsSql.run(url, q.getKey(), columns);
        System.out.println("-- " + q.getValue() + "  (sql/trips/" + q.getKey() + ")");
        System.out.println(String.join(" | ", columns));
        rows.forEach(r -> System.out.println(String.join(" | ", r)));
        System.out.println();
      }
      return 0;
    }
  }

  @Command(name = "load-db", mixinStandardHelpOptions = true,
      description = "Create and fill the JDBC trips and bounding_boxes tables from a CSV and the config (the seed's migrations).")
  public static final class LoadDb extends BeamCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, description = "Challenge-format CSV file")
    String source;

    @Option(names = "--append", description = "Add to the trips table instead of replacing its rows")
    boolean append;

    @Override
    public Integer call() throws Exception {
      TripsOptions options = tripsOptions(this, new HashMap<>());
      String url = Lake.jdbcUrl(options);
      TripsDatabase.LoadResult result = TripsDatabase.load(url, Paths.get(source),
          BoundingBox.parse(options.getBoundingBoxes()), append, System.err);
      System.out.printf("loaded %d trips (%d rows not loaded) and %d bounding boxes into %s%n",
          result.loaded, result.rejected, BoundingBox.parse(options.getBoundingBoxes()).size(),
          io.tributary.transforms.secrets.Redact.url(url));
      return 0;
    }
  }
}
