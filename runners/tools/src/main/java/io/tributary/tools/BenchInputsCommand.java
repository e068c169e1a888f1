package io.tributary.tools;

import io.tributary.transforms.io.CsvRecordReader;
import io.tributary.transforms.xlsx.XlsxSheet;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary bench csv-records} and {@code bench xlsx}: the input readers alone, on the hostile
 * and the large inputs of issue 9 (a stray quote in a 1M-line CSV; a 2M-row feed), timed with peak
 * heap. Single-threaded: what one worker does with one file.
 */
final class BenchInputsCommand {
  private BenchInputsCommand() {}

  @Command(name = "csv-records", mixinStandardHelpOptions = true,
      description = "Reads a multi-line CSV of --lines lines with one stray quote in the middle; prints records, "
          + "problems, seconds, MB/s and peak heap.")
  static final class CsvRecords implements Callable<Integer> {
    @Option(names = "--lines", defaultValue = "1000000", description = "Lines (default ${DEFAULT-VALUE})")
    long lines;

    @Option(names = "--quoted-every", defaultValue = "10",
        description = "Every Nth record has a quoted two-line address; 0: none, so nothing after the stray quote "
            + "closes it (the worst case) (default ${DEFAULT-VALUE})")
    int quotedEvery;

    @Option(names = "--work", defaultValue = "bench-work", description = "Scratch folder (default ${DEFAULT-VALUE})")
    Path work;

    @Override
    public Integer call() throws Exception {
      Path file = work.resolve("stray-quote-" + lines + "-" + quotedEvery + ".csv");
      if (!Files.exists(file)) {
        Files.createDirectories(work);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          out.write("account_id,company_name,company_address,contact_person,contact_phone,gender,joining_date\n");
          for (long i = 1; i < lines; i += (quoted(i) ? 2 : 1)) {
            if (i == lines / 2) {
              out.write(i + ",\"Stray Ltd,1 Nowhere,Ann,0100,F,1/1/2020\n"); // the quote is never closed
            } else if (quoted(i)) {
              out.write(i + ",Acme " + i + ",\"" + i + " High Street\nLeeds\",Bob,0100,M,6/11/2018\n"); // two lines
            } else {
              out.write(i + ",Acme " + i + "," + i + " Mill Road,Bob,0100,M,6/11/2018\n");
            }
          }
        }
      }
      return read(file);
    }

    private boolean quoted(long i) {
      return quotedEvery > 0 && i % quotedEvery == 0;
    }

    private static int read(Path file) throws Exception {
      BenchRun.HeapSampler heap = new BenchRun.HeapSampler();
      heap.start();
      long start = System.nanoTime();
      long records = 0;
      long problems = 0;
      try (InputStream in = Files.newInputStream(file)) {
        CsvRecordReader reader = new CsvRecordReader(in, true);
        for (CsvRecordReader.Record r = reader.next(); r != null; r = reader.next()) {
          records++;
          if (r.problem != null) {
            problems++;
            System.out.println("problem at line " + r.line + ": " + r.problem);
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      heap.interrupt();
      System.out.printf("%s: %d bytes, %d records (%d problems) in %.2f s = %.1f MB/s; peak used heap %d MiB%n",
          file, Files.size(file), records, problems, seconds, Files.size(file) / 1e6 / seconds, heap.peak >> 20);
      return 0;
    }
  }

  @Command(name = "xlsx", mixinStandardHelpOptions = true,
      description = "Streams the first sheet of --file (e.g. a feed from `generate stock --parts=2000000`); prints "
          + "rows, seconds and peak heap.")
  static final class Xlsx implements Callable<Integer> {
    @Option(names = "--file", required = true, description = "An xlsx workbook")
    Path file;

    @Override
    public Integer call() throws Exception {
      BenchRun.HeapSampler heap = new BenchRun.HeapSampler();
      heap.start();
      long start = System.nanoTime();
      long[] rows = {0};
      XlsxSheet.read(file, file.toString(), (n, cells) -> rows[0]++);
      double seconds = (System.nanoTime() - start) / 1e9;
      heap.interrupt();
      System.out.printf("%s: %d bytes, %d rows in %.2f s = %.0f rows/s; peak used heap %d MiB, peak RSS %s%n", file,
          Files.size(file), rows[0], seconds, rows[0] / seconds, heap.peak >> 20, BenchRun.peakRss());
      return 0;
    }
  }
}
