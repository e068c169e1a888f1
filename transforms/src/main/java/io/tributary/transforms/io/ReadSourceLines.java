package io.tributary.transforms.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads text files (a glob, local or {@code s3://}) as {@link SourceLine}s, numbering lines from 1
 * so a rejected row can be traced back to its file and line. A first line equal to the expected
 * header is skipped; blank lines are skipped. A pattern that matches nothing is an error, not an
 * empty run. With {@link #csvRecords()}, a quoted field may span lines (a multi-line address): the
 * record is one {@link SourceLine} numbered by its first line, its lines joined by {@code \n}.
 */
public final class ReadSourceLines extends PTransform<PBegin, PCollection<SourceLine>> {
  static final int SPREAD_BUCKETS = 128;

  /** Header value meaning: skip the first record whatever it holds (checked by the caller). */
  private static final String ANY_HEADER = "\u0000any";

  private final String filepattern;
  private final String header;
  private final boolean csvRecords;

  private ReadSourceLines(String filepattern, String header, boolean csvRecords) {
    this.filepattern = filepattern;
    this.header = header;
    this.csvRecords = csvRecords;
  }

  public static ReadSourceLines from(String filepattern) {
    return new ReadSourceLines(filepattern, null, false);
  }

  /** Skip the first line of each file when it equals {@code header} (case and spaces ignored). */
  public ReadSourceLines withHeader(String header) {
    return new ReadSourceLines(filepattern, header, csvRecords);
  }

  /** Skip the first record of each file: a header the caller has already checked (see {@link CsvHeader}). */
  public ReadSourceLines withHeaderRow() {
    return new ReadSourceLines(filepattern, ANY_HEADER, csvRecords);
  }

  /** Let a quoted CSV field hold line breaks. */
  public ReadSourceLines csvRecords() {
    return new ReadSourceLines(filepattern, header, true);
  }

  /** True when {@code line} is {@code header}, ignoring case, spaces and a byte-order mark. */
  public static boolean isHeader(String line, String header) {
    return normalise(line).equals(normalise(header));
  }

  private static String normalise(String s) {
    return s.replace("\uFEFF", "").replace(" ", "").trim().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    return input
        .apply("Match", FileIO.match().filepattern(filepattern)
            .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("Open", FileIO.readMatches())
        .apply("Lines", ParDo.of(new LinesFn(header, csvRecords)))
        // One file is read by one worker; spread its lines before the (costlier) parsing. A bounded
        // number of random keys: one key per line makes the DirectRunner crawl (per-key bookkeeping).
        .apply("Spread", Reshuffle.<SourceLine>viaRandomKey().withNumBuckets(SPREAD_BUCKETS));
  }

  private static final class LinesFn extends DoFn<FileIO.ReadableFile, SourceLine> {
    private final String header;
    private final boolean csvRecords;

    LinesFn(String header, boolean csvRecords) {
      this.header = header;
      this.csvRecords = csvRecords;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourceLine> out)
        throws IOException {
      String source = file.getMetadata().resourceId().toString();
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8),
          1 << 16)) {
        CsvRecordReader records = new CsvRecordReader(reader, csvRecords);
        for (String line = records.next(); line != null; line = records.next()) {
          long first = records.recordLine();
          boolean isHeaderRow = first == 1 && header != null
              && (header.equals(ANY_HEADER) || isHeader(line, header));
          if (line.isBlank() || isHeaderRow) {
            continue;
          }
          out.output(SourceLine.of(source, first, line));
        }
      }
    }
  }
}
