package io.tributary.runners;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.ops.TableOps;
import io.tributary.core.ops.Where;
import io.tributary.core.step.Lake;
import io.tributary.core.step.LakeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import io.tributary.core.table.TableTotals;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary table ...}: every lake table of every pipeline, through the catalog. */
@Command(name = "table", mixinStandardHelpOptions = true,
    description = "Lake tables (Apache Iceberg): list, history, schema, export, rollback, expire, clean.",
    subcommands = {TableCommand.ListTables.class, TableCommand.History.class, TableCommand.Schema.class,
        TableCommand.Export.class, TableCommand.Rollback.class, TableCommand.Expire.class, TableCommand.Clean.class})
public final class TableCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** The catalog of the lake the common options and config name. */
  abstract static class Base extends BeamCommand implements Callable<Integer> {
    LakeCatalog catalog() {
      LakeOptions options = options(LakeOptions.class, new HashMap<>(), new HashMap<>());
      return LakeCatalog.open(Lake.catalog(options));
    }

    @Override
    public Integer call() throws Exception {
      try (LakeCatalog catalog = catalog()) {
        return run(catalog);
      }
    }

    abstract int run(LakeCatalog catalog) throws Exception;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every table: current snapshot, rows, files, bytes.")
  static final class ListTables extends Base {
    @Override
    int run(LakeCatalog catalog) {
      System.out.printf("%-28s %20s %12s %8s %14s%n", "table", "snapshot", "rows", "files", "bytes");
      for (String name : catalog.names()) {
        Snapshot s = catalog.existing(name).currentSnapshot();
        System.out.printf("%-28s %20s %12d %8d %14d%n", name, s == null ? "-" : s.snapshotId(),
            TableTotals.records(s), TableTotals.dataFiles(s), TableTotals.bytes(s));
      }
      return 0;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "The snapshots of a table, oldest first, with the run and step of each.")
  static final class History extends Base {
    @Parameters(index = "0", description = "namespace.table, e.g. trips.curated_trips")
    String table;

    @Override
    int run(LakeCatalog catalog) {
      TableOps.history(catalog.existing(table)).forEach(System.out::println);
      return 0;
    }
  }

  @Command(name = "schema", mixinStandardHelpOptions = true, description = "Columns, partitioning and location of a table.")
  static final class Schema extends Base {
    @Parameters(index = "0", description = "namespace.table")
    String table;

    @Override
    int run(LakeCatalog catalog) {
      TableOps.schema(catalog.existing(table)).forEach(System.out::println);
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Rows of a table as plain Parquet in hive-style partition folders, or one CSV with a header.")
  static final class Export extends Base {
    @Parameters(index = "0", description = "namespace.table")
    String table;

    @Option(names = "--to", required = true, description = "Output folder")
    Path to;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--snapshot", description = "Export this snapshot (see table history)")
    Long snapshot;

    @Option(names = "--as-of", description = "Export the table as it was at this time (ISO-8601, 2026-11-30T12:00:00Z)")
    String asOf;

    @Option(names = "--where", description = "Rows to keep: column OP value [and ...], OP one of = != < <= > >=")
    String where;

    @Override
    int run(LakeCatalog catalog) throws Exception {
      if (snapshot != null && asOf != null) {
        throw new IllegalArgumentException("give --snapshot or --as-of, not both");
      }
      Table t = catalog.existing(table);
      long rows = TableOps.export(t, to, format, snapshot, asOf == null ? null : Instant.parse(asOf).toEpochMilli(),
          Where.parse(t.schema(), where));
      System.out.printf("exported %d rows of %s to %s (%s)%n", rows, table, to, format);
      return 0;
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Make an earlier snapshot current again (default: the one before the current).")
  static final class Rollback extends Base {
    @Parameters(index = "0", description = "namespace.table")
    String table;

    @Option(names = "--to", description = "Snapshot id (see table history)")
    Long to;

    @Override
    int run(LakeCatalog catalog) {
      long now = TableOps.rollback(catalog.existing(table), to);
      System.out.printf("%s is at snapshot %d%n", table, now);
      return 0;
    }
  }

  @Command(name = "expire", mixinStandardHelpOptions = true,
      description = "Remove snapshots older than --older-than (the current one is kept) and the files only they reference.")
  static final class Expire extends Base {
    @Parameters(index = "0", arity = "0..1", description = "namespace.table (default: every table)")
    String table;

    @Option(names = "--older-than", description = "Age, as 30d, 12h or 90m (default: config retention.<namespace>.<table>, "
        + "else retention.default, else 30d)")
    String olderThan;

    @Override
    int run(LakeCatalog catalog) {
      for (String name : table == null ? catalog.names() : List.of(table)) {
        String age = olderThan != null ? olderThan : config().retention(name);
        long cutoff = System.currentTimeMillis() - age(age).toMillis();
        System.out.printf("%s: %d snapshot(s) older than %s expired%n", name, TableOps.expire(catalog.existing(name), cutoff), age);
      }
      return 0;
    }
  }




  @Command(name = "clean", mixinStandardHelpOptions = true,
      description = "Delete files no snapshot references (left by killed runs), older than --grace.")
  static final class Clean extends Base {
    @Parameters(index = "0", arity = "0..1", description = "namespace.table (default: every table)")
    String table;

    @Option(names = "--grace", defaultValue = "1h", description = "Leave younger files: a run may still be writing them (default ${DEFAULT-VALUE})")
    String grace;

    @Override
    int run(LakeCatalog catalog) {
      for (String name : table == null ? catalog.names() : List.of(table)) {
        List<String> deleted = TableOps.clean(catalog.existing(name), age(grace).toMillis());
        System.out.printf("%s: %d orphan file(s) deleted%n", name, deleted.size());
        deleted.forEach(f -> System.out.println("  " + f));
      }
      return 0;
    }
  }

  /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 0s}. */
  static Duration age(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([dhms])").matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("an age is a number and d, h, m or s (30d, 12h), got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "d":
        return Duration.ofDays(n);
      case "h":
        return Duration.ofHours(n);
      case "m":
        return Duration.ofMinutes(n);
      default:
        return Duration.ofSeconds(n);
    }
  }
}
