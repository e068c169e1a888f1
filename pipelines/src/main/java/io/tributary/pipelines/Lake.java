package io.tributary.pipelines;

import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Resolves defaults that depend on other options: the H2 URL inside the lake, and run ids. */
public final class Lake {
  private Lake() {}

  public static String root(LakeOptions options) {
    String lake = options.getLake();
    return lake.endsWith("/") ? lake.substring(0, lake.length() - 1) : lake;
  }

  public static boolean isLocal(String lake) {
    return !lake.contains("://");
  }

  /** The configured JDBC URL, or an H2 file database at {@code <lake>/h2/tributary} for a local lake. */
  public static String jdbcUrl(LakeOptions options) {
    if (options.getJdbcUrl() != null && !options.getJdbcUrl().isBlank()) {
      return options.getJdbcUrl();
    }
    String lake = root(options);
    String folder = isLocal(lake)
        ? Paths.get(lake, "h2").toAbsolutePath().normalize().toString()
        : Paths.get(System.getProperty("user.home"), ".tributary", "h2").toString();
    // AUTO_SERVER lets a second process (say, `tributary trips sql`) open the file while a run holds it.
    return "jdbc:h2:file:" + folder + "/tributary;AUTO_SERVER=TRUE";
  }

  /** The valid range of dates of this run ({@code --minDate}, {@code --maxDate}). */
  public static io.tributary.transforms.validation.DateRange dates(LakeOptions options) {
    return io.tributary.transforms.validation.DateRange.of(options.getMinDate(), options.getMaxDate());
  }

  public static String runId(LakeOptions options) {
    if (options.getRunId() == null || options.getRunId().isBlank()) {
      options.setRunId(newRunId());
    }
    return options.getRunId();
  }

  public static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC))
        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
  }
}
