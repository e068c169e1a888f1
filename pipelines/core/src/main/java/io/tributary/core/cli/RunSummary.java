package io.tributary.core.cli;

import io.tributary.core.step.StepReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The table printed at the end of every run, one line per step. */
public final class RunSummary {
  private final String title;
  private final List<StepReport> steps = new ArrayList<>();

  public RunSummary(String title) {
    this.title = title;
  }

  public void add(StepReport report) {
    steps.add(report);
  }

  public List<StepReport> steps() {
    return steps;
  }

  public void print(PrintStream out) {
    out.println();
    out.println("Run summary: " + title);
    out.printf("%-12s %14s %14s %14s %14s %10s %12s%n", "step", "rows read", "table rows", "rows written",
        "dead-lettered", "wall s", "rows/s");
    long total = 0;
    for (StepReport s : steps) {
      out.printf("%-12s %14d %14d %14d %14d %10.1f %12.0f%n", s.step, s.read, s.tableRead, s.written,
          s.deadLettered, s.wallMillis / 1000.0, s.rowsPerSecond());
      total += s.wallMillis;
    }
    out.printf("%-12s %14s %14s %14s %14s %10.1f%n", "total", "", "", "", "", total / 1000.0);
    out.println("rows read: the step's input rows (= written + dead-lettered where it checks them)");
    out.println("table rows: all rows it read from lake tables, its input or not; rows/s: the larger of the two");
    for (StepReport s : steps) {
      for (String commit : s.commits) {
        out.printf("%-12s %s%n", s.step, commit);
      }
    }
  }
}
