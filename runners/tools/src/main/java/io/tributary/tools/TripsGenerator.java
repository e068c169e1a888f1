package io.tributary.tools;

import io.tributary.pipelines.trips.TripParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * Synthetic trips in the challenge CSV format, reproducible from a seed: eight cities, each with a
 * few hubs; trips run between hub pairs at rush-hour or night times (real structure for k-means),
 * spread over the days of 2018 asked for. About 2% of rows repeat an earlier row exactly (duplicates) and 0.5% are
 * malformed, one of each kind the ingest step rejects.
 */
public final class TripsGenerator {
  static final String[] CITIES = {"Turin", "Prague", "Hamburg", "Lisbon", "Krakow", "Lyon", "Porto", "Vienna"};
  static final double[][] CENTERS = {
    {7.6869, 45.0703}, {14.4378, 50.0755}, {9.9937, 53.5511}, {-9.1393, 38.7223},
    {19.9450, 50.0647}, {4.8357, 45.7640}, {-8.6291, 41.1579}, {16.3738, 48.2082}
  };
  static final String[] SOURCES = {"funny_car", "baba_car", "cheap_mobile", "bad_diesel_vehicles", "pt_search_app"};
  static final String[] MALFORMED = {
    "Turin,POINT (7.68 abc),POINT (7.69 45.07),2018-05-01 08:00:00,funny_car",
    "Turin,POINT (7.68 45.07),POINT (7.69 45.07),2018-13-45 08:00:00,funny_car",
    "Turin,,POINT (7.69 45.07),2018-05-01 08:00:00,funny_car",
    "Turin,POINT (7.68 45.07),POINT (7.69 45.07),2018-05-01 08:00:00",
  };
  private static final int[] RUSH_HOURS = {7, 8, 9, 17, 18, 19, 23, 0};

  public static final class Summary {
    public final long rows;
    public final long duplicates;
    public final long malformed;

    Summary(long rows, long duplicates, long malformed) {
      this.rows = rows;
      this.duplicates = duplicates;
      this.malformed = malformed;
    }
  }

  private TripsGenerator() {}

  public static Summary write(Path file, long rows, long seed) throws IOException {
    return write(file, rows, seed, 365);
  }

  /** {@code days}: trips fall on that many days from 2018-01-01 (fewer days, fewer and larger partitions). */
  public static Summary write(Path file, long rows, long seed, int days) throws IOException {
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1");
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][][] hubs = new double[CITIES.length][4][];
    for (int c = 0; c < CITIES.length; c++) {
      for (int h = 0; h < hubs[c].length; h++) {
        hubs[c][h] = new double[] {
          CENTERS[c][0] + (random.nextDouble() - 0.5) * 0.2, CENTERS[c][1] + (random.nextDouble() - 0.5) * 0.12};
      }
    }
    Deque<String> recent = new ArrayDeque<>();
    long duplicates = 0;
    long malformed = 0;
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(TripParser.HEADER);
      out.newLine();
      for (long i = 0; i < rows; i++) {
        double dice = random.nextDouble();
        String line;
        if (dice < 0.005) {
          line = MALFORMED[(int) (malformed++ % MALFORMED.length)];
        } else if (dice < 0.025 && !recent.isEmpty()) {
          line = recent.peekFirst();
          duplicates++;
        } else {
          line = trip(random, hubs, days);
          recent.addLast(line);
          if (recent.size() > 1000) {
            recent.removeFirst();
          }
        }
        out.write(line);
        out.newLine();
      }
    }
    return new Summary(rows, duplicates, malformed);
  }

  private static String trip(SplittableRandom random, double[][][] hubs, int days) {
    // Skewed city sizes, like real data: the first cities get most trips.
    int c = Math.min(CITIES.length - 1, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 2.5));
    double[] from = hubs[c][random.nextInt(hubs[c].length)];
    double[] to = hubs[c][random.nextInt(hubs[c].length)];
    int day = random.nextInt(days);
    int hour = RUSH_HOURS[random.nextInt(RUSH_HOURS.length)];
    java.time.LocalDateTime when = java.time.LocalDate.of(2018, 1, 1).plusDays(day)
        .atTime(hour, random.nextInt(60), random.nextInt(60));
    return CITIES[c] + ",POINT (" + jitter(random, from[0]) + " " + jitter(random, from[1]) + "),POINT ("
        + jitter(random, to[0]) + " " + jitter(random, to[1]) + ")," + TripParser.DATETIME.format(when) + ","
        + SOURCES[random.nextInt(SOURCES.length)];
  }

  private static double jitter(SplittableRandom random, double center) {
    // Box-Muller normal noise of about 1 km.
    double g = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    return center + g * 0.01;
  }
}
