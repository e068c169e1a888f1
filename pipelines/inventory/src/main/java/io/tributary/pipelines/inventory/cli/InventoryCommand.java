package io.tributary.pipelines.inventory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.RunSummary;
import io.tributary.core.cli.StepArg;
import io.tributary.core.step.Lake;
import io.tributary.core.step.StepExecutor;
import io.tributary.pipelines.inventory.ActiveListings;
import io.tributary.pipelines.inventory.InventoryGroups;
import io.tributary.pipelines.inventory.InventoryOptions;
import io.tributary.pipelines.inventory.InventoryStep;
import io.tributary.pipelines.inventory.ListingActivity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary inventory <step>}: daily active-listing inventory, activity and groups, for a day or a range. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
    description = "Daily inventory of active listings: active, activity (weighted impressions and leads over windows), "
        + "groups (vehicle groups x zip/DMA); run does all three. --date=D, or --from/--to for a backfill in one pipeline.",
    subcommands = {InventoryCommand.Active.class, InventoryCommand.Activity.class, InventoryCommand.Groups.class,
        InventoryCommand.Run.class})
public final class InventoryCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** The flags every step takes; options from the config's {@code inventory:} section, then these. */
  public abstract static class Base extends BeamCommand implements Callable<Integer> {
    @StepArg("date")
    @Option(names = "--date", description = "The day, yyyy-MM-dd")
    protected String date;

    @StepArg("from")
    @Option(names = "--from", description = "First day of a range (backfill), yyyy-MM-dd")
    protected String from;

    @StepArg("to")
    @Option(names = "--to", description = "Last day of a range, inclusive")
    protected String to;

    @StepArg("force")
    @Option(names = "--force", description = "Recompute days already published (default: skip them)")
    Boolean force;

    @StepArg("skipMissing")
    @Option(names = "--skip-missing", description = "Skip days without a vehicle snapshot; count missing impression/lead days as no activity")
    Boolean skipMissing;

    @StepArg("input")
    @Option(names = "--input", description = "Root of the marketplace's lake, or a jdbc: URL with --input-format=jdbc (default: config inventory.input)")
    protected String input;

    @StepArg("inputFormat")
    @Option(names = "--input-format", description = "csv, parquet or jdbc (--input=jdbc:...; default: config inventory.inputFormat, else csv)")
    String inputFormat;

    @StepArg("windows")
    @Option(names = "--windows", description = "Activity windows in days, e.g. 1,7,30 (default: config inventory.windows)")
    String windows;

    @StepArg("groupWindowDays")
    @Option(names = "--group-window-days", description = "The window whose activity the groups sum (default: config inventory.groupWindowDays)")
    Integer groupWindowDays;

    @StepArg("groupsJdbc")
    @Option(names = "--groups-jdbc", description = "Also replace the computed days in the JDBC table inventory_groups (--jdbc-url)")
    Boolean groupsJdbc;

    @StepArg("groupingSets")
    @Option(names = "--grouping-sets", description = "e.g. 'make,model;body_style' (default: config inventory.groupingSets)")
    String groupingSets;

    /** Runner defaults, the config's {@code inventory:} section (lists and the weights map converted), the flags. */
    public InventoryOptions inventoryOptions() {
      Map<String, String> fromConfig = new java.util.HashMap<>(configSection(InventoryOptions.class, "inventory", Map.of(
              "windows", node -> joined(node, ","),
              "activeStatuses", node -> joined(node, ","),
              "groupingSets", node -> joined(node, ";"),
              "weights", InventoryCommand::weightsSpec),
          Set.of()));
      // As objects, Spark's cache took 7 GiB of heap for a 100k-listing day; serialized it also ran
      // faster (103.9 s against 131.5 s, docs/benchmarks.md).
      cacheSerializedOnSpark(fromConfig);
      InventoryOptions options = options(InventoryOptions.class, fromConfig, stepArgs());
      Lake.runId(options);
      return options;
    }

    protected abstract List<Function<InventoryOptions, InventoryStep>> steps();

    /** The step's name, as its {@code @Command} says. */
    protected String commandName() {
      Command command = getClass().getAnnotation(Command.class);
      return command == null ? getClass().getSimpleName() : command.name();
    }

    @Override
    public Integer call() throws Exception {
      InventoryOptions options = inventoryOptions();
      RunSummary summary = new RunSummary("inventory " + commandName() + " " + InventoryStep.describe(options) + " (run "
          + options.getRunId() + ", runner " + runnerChoice().shortName() + ", lake " + options.getLake() + ", input "
          + io.tributary.transforms.secrets.Redact.url(options.getInput()) + ", config " + config().describe() + ")");
      StepExecutor executor = new StepExecutor(options, System.err);
      for (Function<InventoryOptions, InventoryStep> make : steps()) {
        InventoryStep step = make.apply(options);
        if (step.days().isEmpty()) {
          System.err.printf("[%s] nothing to do: %s%n", step.name(), String.join("; ", step.notes()));
          continue;
        }
        summary.add(executor.run(step));
      }
      summary.print(System.out);
      return 0;
    }
  }

  /** A YAML list as one option value ({@code [1, 7, 30]} -> {@code 1,7,30}); a scalar as it is. */
  static String joined(JsonNode node, String separator) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      return node.asText();
    }
    List<String> parts = new ArrayList<>();
    node.forEach(n -> parts.add(n.isArray() ? joined(n, ",") : n.asText()));
    return String.join(separator, parts);
  }

  /** {@code weights: {srp: 0.1, vdp: 1}} -> {@code srp=0.1,vdp=1}. */
  static String weightsSpec(JsonNode node) {
    if (node == null || !node.isObject()) {
      return node == null || node.isNull() ? null : node.asText();
    }
    List<String> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      parts.add(e.getKey() + "=" + e.getValue().asText());
    }
    return String.join(",", parts);
  }

  @Command(name = "active", mixinStandardHelpOptions = true,
      description = "The day's active listings (one per listing and per VIN) into inventory.active_listings.")
  public static final class Active extends Base {
    @Override
    protected List<Function<InventoryOptions, InventoryStep>> steps() {
      return List.of(ActiveListings::new);
    }

  }

  @Command(name = "activity", mixinStandardHelpOptions = true,
      description = "Impressions and leads per kind over the windows and the weighted activity score into inventory.listing_activity.")
  public static final class Activity extends Base {
    @Override
    protected List<Function<InventoryOptions, InventoryStep>> steps() {
      return List.of(ListingActivity::new);
    }

  }

  @Command(name = "groups", mixinStandardHelpOptions = true,
      description = "Aggregates per vehicle grouping set x zip code and DMA into inventory.inventory_groups.")
  public static final class Groups extends Base {
    @Override
    protected List<Function<InventoryOptions, InventoryStep>> steps() {
      return List.of(InventoryGroups::new);
    }

  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "active, activity and groups, in order.")
  public static final class Run extends Base {
    @Override
    protected List<Function<InventoryOptions, InventoryStep>> steps() {
      return List.of(ActiveListings::new, ListingActivity::new, InventoryGroups::new);
    }

  }
}
