package io.tributary.pipelines;

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
      for (TableCommitter.Commit c : tables().commit(Map.of("tributary.rows-read", String.valueOf(report.read),
          "tributary.rows-written", String.valueOf(report.written),
          "tributary.rows-dead-lettered", String.valueOf(report.deadLettered)))) {
        commits.add(c.toString());
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
