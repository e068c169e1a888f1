package io.tributary.transforms.kmeans;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/** A feature vector with a stable id (used to sample and order points reproducibly). */
@DefaultCoder(FeaturePoint.Coder.class)
public final class FeaturePoint implements Serializable {
  public final String id;
  public final double[] features;
  /** Cached {@link #sampleHash}: sampling compares each point many times. */
  private transient long hash;
  private transient boolean hashed;

  public FeaturePoint(String id, double[] features) {
    this.id = id;
    this.features = features;
  }

  /** 64-bit FNV-1a of the id with a final mix: stable across JVMs and runners, unlike Object.hashCode. */
  public long sampleHash() {
    if (!hashed) {
      long h = 0xcbf29ce484222325L;
      for (int i = 0; i < id.length(); i++) {
        h ^= id.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= (h >>> 33);
      h *= 0xff51afd7ed558ccdL;
      h ^= (h >>> 33);
      hash = h;
      hashed = true;
    }
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeaturePoint
        && id.equals(((FeaturePoint) o).id)
        && Arrays.equals(features, ((FeaturePoint) o).features);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + Arrays.hashCode(features);
  }

  /** Compact coder: id, length, doubles. */
  public static final class Coder extends AtomicCoder<FeaturePoint> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FeaturePoint value, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(value.id, out);
      VarIntCoder.of().encode(value.features.length, out);
      for (double d : value.features) {
        DoubleCoder.of().encode(d, out);
      }
    }

    @Override
    public FeaturePoint decode(InputStream in) throws IOException {
      String id = StringUtf8Coder.of().decode(in);
      double[] features = new double[VarIntCoder.of().decode(in)];
      for (int i = 0; i < features.length; i++) {
        features[i] = DoubleCoder.of().decode(in);
      }
      return new FeaturePoint(id, features);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
