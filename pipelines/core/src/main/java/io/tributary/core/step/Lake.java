package io.tributary.core.step;

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

  /**
   * The Iceberg catalog of this run: {@code --catalogUri} (a shared JDBC catalog: PostgreSQL,
   * MySQL/MariaDB) when given, else the embedded H2 file inside the lake.
   */
  public static io.tributary.core.catalog.CatalogConfig catalog(LakeOptions options) {
    String uri = options.getCatalogUri();
    io.tributary.core.catalog.CatalogConfig config = uri == null || uri.isBlank()
        ? io.tributary.core.catalog.CatalogConfig.embedded(root(options))
        : io.tributary.core.catalog.CatalogConfig.jdbc(uri.trim(), root(options), java.util.Map.of());
    if (!root(options).startsWith("s3://")) {
      return config;
    }
    // Table files on S3 go through Iceberg's S3FileIO, reached the way Beam's S3 file system is
    // (--awsRegion, --endpoint, --awsCredentialsProvider): one set of flags for both.
    org.apache.beam.sdk.io.aws2.options.AwsOptions aws = options.as(org.apache.beam.sdk.io.aws2.options.AwsOptions.class);
    String region = aws.getAwsRegion() == null ? null : aws.getAwsRegion().id();
    String endpoint = aws.getEndpoint() == null ? null : aws.getEndpoint().toString();
    String key = null;
    String secret = null;
    if (aws.getAwsCredentialsProvider() instanceof software.amazon.awssdk.auth.credentials.StaticCredentialsProvider) {
      software.amazon.awssdk.auth.credentials.AwsCredentials c = aws.getAwsCredentialsProvider().resolveCredentials();
      key = c.accessKeyId();
      secret = c.secretAccessKey();
    }
    return config.withS3(region, endpoint, key, secret);
  }

  /** Which version of the lake tables a step reads: {@code --readSnapshot}, {@code --readAsOf}, or the current one. */
  public static io.tributary.core.read.ReadTable.Version readVersion(LakeOptions options) {
    if (options.getReadSnapshot() != null && options.getReadAsOf() != null) {
      throw new IllegalArgumentException("give --readSnapshot or --readAsOf, not both");
    }
    if (options.getReadSnapshot() != null) {
      return io.tributary.core.read.ReadTable.Version.snapshot(options.getReadSnapshot());
    }
    if (options.getReadAsOf() != null && !options.getReadAsOf().isBlank()) {
      try {
        return io.tributary.core.read.ReadTable.Version.asOf(
            java.time.Instant.parse(options.getReadAsOf().trim()).toEpochMilli());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("--readAsOf must be an ISO-8601 instant (2026-11-30T12:00:00Z), got '"
            + options.getReadAsOf() + "'");
      }
    }
    return io.tributary.core.read.ReadTable.Version.current();
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
