package io.tributary.core.catalog;

import java.io.Serializable;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the lake's Iceberg catalog is: an Iceberg JDBC catalog (the embedded H2 file inside a
 * local lake by default; PostgreSQL or MySQL/MariaDB when shared) or any catalog Iceberg's
 * {@code CatalogUtil} can load (AWS Glue: {@code catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog},
 * untested here), and the warehouse where table files go. Resolved once from the options; a value,
 * so a step can carry it.
 */
public final class CatalogConfig implements Serializable {
  public static final String NAME = "tributary";

  private final Map<String, String> properties;
  private final boolean embedded;

  private CatalogConfig(Map<String, String> properties, boolean embedded) {
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    this.embedded = embedded;
  }

  /**
   * The default: an H2 file catalog at {@code <lake>/catalog/iceberg} (a lake on S3 keeps it in
   * {@code ~/.tributary/catalog}), warehouse {@code <lake>/warehouse}. {@code DATABASE_TO_LOWER} lets
   * Iceberg find its own tables again on the second start; {@code AUTO_SERVER} lets two processes
   * commit to one file.
   */
  public static CatalogConfig embedded(String lakeRoot) {
    boolean local = !lakeRoot.contains("://");
    // A lake on S3 keeps its embedded catalog on this machine, one per lake (the same table names in
    // two lakes must not share catalog entries).
    String folder = local ? Paths.get(lakeRoot, "catalog").toAbsolutePath().normalize().toString()
        : Paths.get(System.getProperty("user.home"), ".tributary", "catalog",
            Integer.toHexString(lakeRoot.hashCode())).toString();
    Map<String, String> p = new LinkedHashMap<>();
    // WRITE_DELAY=0: H2 otherwise flushes a commit up to 500 ms later, and a process killed right
    // after a table commit lost it (CrashTest caught the catalog pointing at the old snapshot).
    p.put("uri", "jdbc:h2:file:" + folder + "/iceberg;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE;WRITE_DELAY=0");
    p.put("warehouse", warehouse(lakeRoot));
    p.put("jdbc.schema-version", "V1");
    return new CatalogConfig(p, true);
  }

  /** A shared JDBC catalog at {@code uri} (PostgreSQL, MySQL/MariaDB), tables under {@code <lake>/warehouse}. */
  public static CatalogConfig jdbc(String uri, String lakeRoot, Map<String, String> extra) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("uri", uri);
    p.put("warehouse", warehouse(lakeRoot));
    p.put("jdbc.schema-version", "V1");
    p.putAll(extra);
    return new CatalogConfig(p, uri.startsWith("jdbc:h2:"));
  }

  /** Any catalog by its Iceberg properties ({@code catalog-impl}, {@code warehouse}, ...), as configured. */
  public static CatalogConfig of(Map<String, String> properties) {
    String uri = properties.getOrDefault("uri", "");
    return new CatalogConfig(properties, uri.startsWith("jdbc:h2:"));
  }

  /**
   * The same catalog with table files read and written by Iceberg's {@code S3FileIO} (a warehouse
   * on {@code s3://}): region, and for an S3-compatible store its endpoint with path-style URLs and
   * static keys (null: the AWS default chain). Iceberg's plain client factory: no Glue, STS or KMS.
   */
  public CatalogConfig withS3(String region, String endpoint, String accessKey, String secretKey) {
    Map<String, String> p = new LinkedHashMap<>(properties);
    p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    p.put("s3.client-factory-impl", "org.apache.iceberg.aws.s3.DefaultS3FileIOAwsClientFactory");
    p.put("client.region", region == null ? "us-east-1" : region);
    if (endpoint != null) {
      p.put("s3.endpoint", endpoint);
      p.put("s3.path-style-access", "true");
    }
    if (accessKey != null && secretKey != null) {
      p.put("s3.access-key-id", accessKey);
      p.put("s3.secret-access-key", secretKey);
    }
    return new CatalogConfig(p, embedded);
  }

  private static String warehouse(String lakeRoot) {
    boolean local = !lakeRoot.contains("://");
    String root = local ? Paths.get(lakeRoot).toAbsolutePath().normalize().toString() : lakeRoot;
    return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/warehouse";
  }

  public Map<String, String> properties() {
    return properties;
  }

  /** An H2 file: fine on one machine, wrong for a cluster whose workers and driver are elsewhere. */
  public boolean isEmbedded() {
    return embedded;
  }

  public String warehouse() {
    return properties.get("warehouse");
  }

  @Override
  public String toString() {
    return io.tributary.transforms.secrets.Redact.text(properties.getOrDefault("uri",
        properties.getOrDefault("catalog-impl", "?"))) + " (warehouse " + warehouse() + ")";
  }
}
