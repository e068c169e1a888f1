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
 * empty run.
 */
public final class ReadSourceLines extends PTransform<PBegin, PCollection<SourceLine>> {
  static final int SPREAD_BUCKETS = 128;

  private final String filepattern;
  private final String header;

  private ReadSourceLines(String filepattern, String header) {
    this.filepattern = filepattern;
    this.header = header;
  }

  public static ReadSourceLines from(String filepattern) {
    return new ReadSourceLines(filepattern, null);
  }

  /** Skip the first line of each file when it equals {@code header} (case and spaces ignored). */
  public ReadSourceLines withHeader(String header) {
    return new ReadSourceLines(filepattern, header);
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
        .apply("Lines", ParDo.of(new LinesFn(header)))
        // One file is read by one worker; spread its lines before the (costlier) parsing. A bounded
        // number of random keys: one key per line makes the DirectRunner crawl (per-key bookkeeping).
        .apply("Spread", Reshuffle.<SourceLine>viaRandomKey().withNumBuckets(SPREAD_BUCKETS));
  }

  private static final class LinesFn extends DoFn<FileIO.ReadableFile, SourceLine> {
    private final String header;

    LinesFn(String header) {
      this.header = header;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourceLine> out)
        throws IOException {
      String source = file.getMetadata().resourceId().toString();
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8),
          1 << 16)) {
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          number++;
          if (number == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
          }
          if (line.isBlank() || (number == 1 && header != null && isHeader(line, header))) {
            continue;
          }
          out.output(SourceLine.of(source, number, line));
        }
      }
    }
  }
}
