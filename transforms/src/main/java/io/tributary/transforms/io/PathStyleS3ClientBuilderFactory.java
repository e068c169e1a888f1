package io.tributary.transforms.io;

import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client with path-style addressing ({@code http://host:port/bucket/key}), for S3-compatible
 * stores reached by address, such as S3Proxy or MinIO on 127.0.0.1, where a bucket sub-domain
 * cannot resolve. Pass {@code --s3ClientFactoryClass=io.tributary.transforms.io.PathStyleS3ClientBuilderFactory}
 * together with {@code --endpoint=http://...}; AWS itself needs neither.
 */
public class PathStyleS3ClientBuilderFactory extends DefaultS3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return super.createBuilder(options).forcePathStyle(true);
  }
}
