package io.tributary.core.step;

import io.tributary.transforms.lake.PublishFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain files of one run beside its tables (CSV people download: the invoices reports, eBay's
 * revise.csv; the k-means models): written into a staging folder beside each target while the
 * pipeline runs, moved into place file by file only after the run's tables committed
 * ({@link PublishFiles}), discarded when it failed. Lake tables never go this way.
 */
public final class Exports {
  private final String runId;
  /** export folder -> its staging folder. */
  private final Map<String, String> staged = new LinkedHashMap<>();

  public Exports(String runId) {
    this.runId = runId;
  }

  /** The staging folder the graph writes {@code target}'s files into. */
  public String stage(String target) {
    return staged.computeIfAbsent(target, t -> PublishFiles.staging(t, runId));
  }

  /** The export folders, as they will be once published. */
  public List<String> targets() {
    return new ArrayList<>(staged.keySet());
  }

  /** Moves every staged export into place (after the tables committed). */
  public void publish() {
    staged.forEach((target, staging) -> PublishFiles.publish(staging, target));
  }

  /** Removes the staged files of a failed run. */
  public void discard() {
    staged.values().forEach(PublishFiles::discard);
  }
}
