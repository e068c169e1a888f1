package io.tributary.transforms.deadletter;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.metrics.StepMetrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Parses lines into rows; every line ends in exactly one of the two outputs, so
 * {@code rows_read = rows_parsed + rows_dead_lettered} for the step. Any exception from the parser
 * (not only {@link RowRejected}) is caught: a bug in a parser must dead-letter, not drop, the row.
 */
public final class ParseWithDeadLetters extends PTransform<PCollection<SourceLine>, PCollectionTuple> {
  public static final TupleTag<Row> PARSED = new TupleTag<Row>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};

  private final String step;
  private final Schema schema;
  private final LineParser parser;

  private ParseWithDeadLetters(String step, Schema schema, LineParser parser) {
    this.step = step;
    this.schema = schema;
    this.parser = parser;
  }

  /** {@code step} names the metrics namespace and is written into each dead letter. */
  public static ParseWithDeadLetters of(String step, Schema schema, LineParser parser) {
    return new ParseWithDeadLetters(step, schema, parser);
  }

  @Override
  public PCollectionTuple expand(PCollection<SourceLine> lines) {
    PCollectionTuple result =
        lines.apply("Parse", ParDo.of(new ParseFn(step, parser))
            .withOutputTags(PARSED, TupleTagList.of(DEAD_LETTERS)));
    result.get(PARSED).setRowSchema(schema);
    result.get(DEAD_LETTERS).setRowSchema(DeadLetterSchema.DEAD_LETTER);
    return result;
  }

  /** A dead-letter row for {@code line}. */
  public static Row deadLetter(String step, SourceLine line, String reason) {
    return DeadLetterSchema.of(step, line.source, line.line, line.text, reason);
  }

  private static final class ParseFn extends DoFn<SourceLine, Row> {
    private final String step;
    private final LineParser parser;
    private final StepMetrics metrics;

    ParseFn(String step, LineParser parser) {
      this.step = step;
      this.parser = parser;
      this.metrics = StepMetrics.of(step);
    }

    @ProcessElement
    public void process(@Element SourceLine line, MultiOutputReceiver out) {
      metrics.read().inc();
      if (line.problem != null) {
        reject(line, line.problem, out);
        return;
      }
      Row row;
      try {
        row = parser.parse(line);
      } catch (RowRejected e) {
        reject(line, e.getMessage(), out);
        return;
      } catch (RuntimeException e) {
        metrics.deadLettered().inc();
        out.get(DEAD_LETTERS).output(DeadLetterSchema.of(step, line.source, line.line, line.text,
            "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        return;
      }
      out.get(PARSED).output(row);
    }

    private void reject(SourceLine line, String reason, MultiOutputReceiver out) {
      metrics.deadLettered().inc();
      out.get(DEAD_LETTERS).output(deadLetter(step, line, reason));
    }
  }
}
