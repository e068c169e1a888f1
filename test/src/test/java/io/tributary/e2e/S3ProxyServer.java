package io.tributary.e2e;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * A real S3 endpoint on 127.0.0.1 for the tests: S3Proxy over an in-memory (transient) store with
 * signed requests, and the Beam flags that point Tributary's s3:// filesystem at it.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String KEY = "tributary-test";
  static final String SECRET = "tributary-secret";

  final BlobStore store;
  final String endpoint;
  private final S3Proxy proxy;

  S3ProxyServer(String... buckets) throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(KEY, SECRET)
        .build(BlobStoreContext.class);
    store = context.getBlobStore();
    endpoint = "http://127.0.0.1:" + io.tributary.tools.LocalKafka.freePort();
    proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create(endpoint))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
        // Beam's S3 writer starts every upload with headers S3Proxy 2.6 does not implement (it
        // answered 501 "A header you provided implies functionality that is not implemented").
        .ignoreUnknownHeaders(true).build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(10);
    }
    for (String bucket : buckets) {
      store.createContainerInLocation(null, bucket);
    }
  }

  /** Beam options that reach this endpoint (path-style, static credentials). */
  List<String> beamFlags() {
    return List.of("--endpoint=" + endpoint, "--awsRegion=us-east-1",
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"" + KEY
            + "\",\"secretAccessKey\":\"" + SECRET + "\"}",
        "--s3ClientFactoryClass=io.tributary.transforms.io.PathStyleS3ClientBuilderFactory");
  }

  void put(String bucket, String key, byte[] bytes) {
    store.putBlob(bucket, store.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
  }

  void put(String bucket, String key, Path file) throws Exception {
    put(bucket, key, Files.readAllBytes(file));
  }

  byte[] get(String bucket, String key) throws Exception {
    try (InputStream in = store.getBlob(bucket, key).getPayload().openStream()) {
      return in.readAllBytes();
    }
  }

  /** Keys under a prefix, sorted. */
  List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    store.list(bucket, ListContainerOptions.Builder.prefix(prefix).recursive()).forEach(m -> keys.add(m.getName()));
    keys.sort(null);
    return keys;
  }

  /** Copies every object under {@code prefix} into {@code dir} (same relative paths). */
  void download(String bucket, String prefix, Path dir) throws Exception {
    for (String key : keys(bucket, prefix)) {
      Path file = dir.resolve(key.substring(prefix.length()));
      Files.createDirectories(file.getParent());
      Files.write(file, get(bucket, key));
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
