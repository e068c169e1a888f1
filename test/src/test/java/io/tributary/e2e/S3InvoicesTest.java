package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.runners.Main;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * `invoices run` with both the source and the lake on s3://, through Beam's AWS2 filesystem against
 * S3Proxy (in-memory store, signed requests, 127.0.0.1): the same hand-worked answer as the local
 * run, and a rerun of the day replaces it on S3 too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3InvoicesTest {
  static final String KEY = "tributary-test";
  static final String SECRET = "tributary-secret";
  static final String BUCKET = "lake";

  S3Proxy proxy;
  BlobStore store;
  String endpoint;

  @BeforeAll
  void startS3() throws Exception {
    System.setProperty("tributary.stacktrace", "true"); // a failed run shows where in the S3 client
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(KEY, SECRET)
        .build(BlobStoreContext.class);
    store = context.getBlobStore();
    endpoint = "http://127.0.0.1:" + io.tributary.runners.LocalKafka.freePort();
    proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create(endpoint))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
        // Beam's S3 writer starts every upload with headers S3Proxy 2.6 does not implement (it
        // answered 501 "A header you provided implies functionality that is not implemented").
        .ignoreUnknownHeaders(true).build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(10);
    }
    store.createContainerInLocation(null, BUCKET);
    for (String table : List.of("accounts", "invoices", "invoice_line_items", "skus")) {
      byte[] bytes = Files.readAllBytes(Path.of("..", "samples", "invoices", table + ".csv"));
      store.putBlob(BUCKET, store.blobBuilder("in/" + table + ".csv").payload(bytes).contentLength(bytes.length).build());
    }
  }

  @AfterAll
  void stopS3() throws Exception {
    proxy.stop();
  }

  private int run(String runId) {
    return Main.execute("invoices", "run", "--runner=direct", "--config-dir=../config",
        "--source=s3://" + BUCKET + "/in", "--lake=s3://" + BUCKET + "/lake", "--as-of=2024-06-30",
        "--runId=" + runId, "--endpoint=" + endpoint, "--awsRegion=us-east-1",
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"" + KEY
            + "\",\"secretAccessKey\":\"" + SECRET + "\"}",
        "--s3ClientFactoryClass=io.tributary.transforms.io.PathStyleS3ClientBuilderFactory");
  }

  private List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    store.list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder.prefix(prefix).recursive())
        .forEach(m -> keys.add(m.getName()));
    keys.sort(null);
    return keys;
  }

  private List<String> csv(String key) throws Exception {
    try (var in = store.getBlob(BUCKET, key).getPayload().openStream()) {
      List<String> lines = new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
      String header = lines.remove(0);
      lines.sort(null);
      lines.add(0, header);
      return lines;
    }
  }

  @Test
  void runOnS3GivesTheHandWorkedAnswerAndARerunReplacesTheDay() throws Exception {
    assertEquals(0, run("s3first"));
    assertEquals(0, run("s3second"));
    String export = "lake/exports/invoices_late_payment/as_of=2024-06-30/late_payment.csv";
    // Hand-worked in samples/invoices/README.md (account, invoices, late, days, late amount).
    List<String> rows = csv(export).stream().skip(1)
        .map(l -> l.substring(l.indexOf(',') + 1, l.indexOf(',', l.indexOf(',') + 1)) + ":"
            + l.substring(nthFromEnd(l, 4) + 1))
        .collect(Collectors.toList());
    assertEquals(List.of("1:3,1,61,29.0", "2:1,1,167,40.95", "3:1,0,29,0.0", "4:0,0,0,0.0"), rows);
    List<String> parquet = keys("lake/curated/invoices_late_payment/as_of=2024-06-30/");
    assertTrue(parquet.size() >= 1 && parquet.stream().allMatch(k -> k.contains("part-s3second")),
        "only the second run's files are published: " + parquet);
    assertEquals(List.of(), keys("lake/curated/invoices_late_payment/_staging"), "staging cleaned up");
    List<String> dead = keys("lake/deadletter/invoices/as_of=2024-06-30/");
    assertEquals(1, dead.size(), dead.toString());
    assertEquals(4, csv(dead.get(0)).size(), "four dead letters (csv() reads lines)");
  }

  private static int nthFromEnd(String line, int n) {
    int at = line.length();
    for (int i = 0; i < n; i++) {
      at = line.lastIndexOf(',', at - 1);
    }
    return at;
  }
}
