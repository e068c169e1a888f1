package io.tributary.transforms.deadletter;

import io.tributary.transforms.io.SourceLine;
import java.io.Serializable;
import org.apache.beam.sdk.values.Row;

/** Turns one input line into a row of a known schema, or throws {@link RowRejected} saying why. */
@FunctionalInterface
public interface LineParser extends Serializable {
  Row parse(SourceLine line) throws RowRejected;
}
