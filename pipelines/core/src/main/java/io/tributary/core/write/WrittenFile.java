package io.tributary.core.write;

import java.io.Serializable;
import org.apache.iceberg.DataFile;

/** A data file a worker wrote, on its way to the one task that lists them for the commit. */
public final class WrittenFile implements Serializable {
  public final DataFile file;

  public WrittenFile(DataFile file) {
    this.file = file;
  }

  /** By path: a file is written once, and Beam's mutation checks compare elements this way. */
  @Override
  public boolean equals(Object o) {
    return o instanceof WrittenFile && ((WrittenFile) o).file.path().toString().equals(file.path().toString());
  }

  @Override
  public int hashCode() {
    return file.path().toString().hashCode();
  }
}
