package io.tributary.core.step;

import io.tributary.core.step.StepTables;
import io.tributary.core.write.TableCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;

/**
 * A step whose outputs are lake tables: it resolves its tables when the graph is built ({@link
 * #tables()}), declares each output with {@code tables().write(...)}, and the core commits every one
 * after the pipeline succeeded (one snapshot per table, run id and counters in its summary), or
 * removes what the workers wrote when it failed. Subclasses only build their graph.
 */
public abstract class TableStep implements PipelineStep {
  protected final LakeOptions options;
  private final String name;
  private StepTables tables;
  private final List<String> commits = new ArrayList<>();
  private final List<TableCommitter.Commit> committed = new ArrayList<>();

  protected TableStep(String name, LakeOptions options) {
    this.name = name;
    this.options = options;
  }

  @Override
  public final String name() {
    return name;
  }

  protected final String runId() {
    return Lake.runId(options);
  }

  /** The step's tables, opened on first use (on the driver, while the graph is built). */
  protected final StepTables tables() {
    if (tables == null) {
      tables = StepTables.open(Lake.catalog(options), name, runId())
          .withOrphanGrace(options.getOrphanGraceSeconds() * 1000L);
    }
    return tables;
  }

  @Override
  public final void expand(Pipeline pipeline) {
    try {
      build(pipeline);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  protected abstract void build(Pipeline pipeline);

  @Override
  public void commit(StepReport report) {
    try {
      tables().notes().forEach(n -> commits.add("found " + n));
      haltForTests("tributary.test.haltBeforeCommit");
      waitForTests();
      Map<String, String> summary = new java.util.LinkedHashMap<>(Map.of("tributary.rows-read",
          String.valueOf(report.read), "tributary.rows-written", String.valueOf(report.written),
          "tributary.rows-dead-lettered", String.valueOf(report.deadLettered)));
      if (!exports().isEmpty()) {
        summary.put("tributary.exports", String.join(",", exports()));
      }
      List<TableCommitter.Commit> done;
      try {
        done = tables().commit(summary);
      } catch (TableCommitter.Refused e) {
        String why = whenRefused();
        // Not chained to e: the run's error shows the root cause's message, and this one says it all.
        throw why.isEmpty() ? e : new TableCommitter.Refused(why + ": " + e.getMessage(), e.getCause());
      }
      for (TableCommitter.Commit c : done) {
        commits.add(c.toString());
        committed.add(c);
      }
      published(report);
    } finally {
      close();
    }
  }

  /**
   * Crash tests stop the JVM here, as a kill would, with {@code -D<property>=<step>}: after the
   * workers wrote and before the first commit, or ({@code haltBetweenCommits}) after the first table.
   */
  private void haltForTests(String property) {
    if (name.equals(System.getProperty(property))) {
      Runtime.getRuntime().halt(137);
    }
  }

  /**
   * Concurrency tests hold a run between its pipeline and its commit with
   * {@code -Dtributary.test.holdBeforeCommit=FILE}: it waits (at most two minutes) until FILE exists,
   * while another process commits.
   */
  private static void waitForTests() {
    String file = System.getProperty("tributary.test.holdBeforeCommit");
    if (file == null) {
      return;
    }
    java.nio.file.Path go = java.nio.file.Path.of(file);
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of(file + ".waiting"), "");
      long deadline = System.currentTimeMillis() + 120_000;
      while (!java.nio.file.Files.exists(go) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The exports (plain files people download) this run publishes after its commit, for the snapshot summary. */
  protected List<String> exports() {
    return List.of();
  }

  /** What a refused commit means for this step's user (e.g. "no row of F matched a product"); empty: nothing to add. */
  protected String whenRefused() {
    return "";
  }

  /** What this run committed, table by table (empty before the commit). */
  protected final List<TableCommitter.Commit> committed() {
    return committed;
  }

  /** After every table committed: files beside the tables (models, exports) are published here. */
  protected void published(StepReport report) {}

  @Override
  public void abort() {
    try {
      if (tables != null) {
        tables.abort();
      }
    } finally {
      close();
    }
  }

  @Override
  public List<String> commits() {
    return commits;
  }

  private void close() {
    if (tables != null) {
      try {
        tables.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      tables = null;
    }
  }
}
