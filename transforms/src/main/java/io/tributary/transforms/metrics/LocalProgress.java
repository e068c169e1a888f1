package io.tributary.transforms.metrics;

import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricName;

/**
 * Running totals of the step counters, kept in this JVM beside Beam's, so that a long step can say
 * how far it got while it runs. Beam's own counters are not readable mid-run on every runner (the
 * Flink runner returns its result only when the job ends; the DirectRunner blocks in {@code run}),
 * while workers in this JVM (DirectRunner, Spark local, Flink local) count here at once. Workers on
 * a cluster count in their own JVMs: the totals here then stay at zero, and the cluster's UI shows
 * the progress. Two runs of the same step at once in one JVM add into the same totals; the run
 * summary never uses these, only Beam's counters.
 */
public final class LocalProgress {
  private static final ConcurrentHashMap<String, LongAdder> TOTALS = new ConcurrentHashMap<>();

  private LocalProgress() {}

  private static String key(String step, String name) {
    return step + "\u0000" + name;
  }

  private static LongAdder adder(String step, String name) {
    return TOTALS.computeIfAbsent(key(step, name), k -> new LongAdder());
  }

  /** What the step's workers in this JVM counted under {@code name} since its last {@link #reset}. */
  public static long get(String step, String name) {
    LongAdder a = TOTALS.get(key(step, name));
    return a == null ? 0 : a.sum();
  }

  /** Starts the step's totals from zero (a second step of the same name in one JVM, or a rerun). */
  public static void reset(String step) {
    String prefix = key(step, "");
    TOTALS.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** Beam's counter {@code (step, name)}, also counted here. */
  static Counter counter(String step, String name) {
    return new Both(org.apache.beam.sdk.metrics.Metrics.counter(step, name), step, name);
  }

  /** Serialized with the DoFn that holds it; finds this JVM's total on first use after that. */
  private static final class Both implements Counter, Serializable {
    private final Counter beam;
    private final String step;
    private final String name;
    private transient LongAdder local;

    Both(Counter beam, String step, String name) {
      this.beam = beam;
      this.step = step;
      this.name = name;
    }

    private LongAdder local() {
      LongAdder a = local;
      if (a == null) {
        a = adder(step, name);
        local = a;
      }
      return a;
    }

    @Override
    public void inc() {
      inc(1);
    }

    @Override
    public void inc(long n) {
      beam.inc(n);
      local().add(n);
    }

    @Override
    public void dec() {
      inc(-1);
    }

    @Override
    public void dec(long n) {
      inc(-n);
    }

    @Override
    public MetricName getName() {
      return beam.getName();
    }
  }
}
