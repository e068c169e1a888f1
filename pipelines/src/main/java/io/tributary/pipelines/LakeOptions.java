package io.tributary.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options every Tributary pipeline shares: where the lake and the database are, and the run id. */
public interface LakeOptions extends PipelineOptions {
  @Description("Lake root: a local folder or s3://bucket/prefix")
  @Default.String("./lake")
  String getLake();

  void setLake(String lake);

  @Description("JDBC URL (H2, MariaDB/MySQL or PostgreSQL); default an H2 file database inside a local lake")
  String getJdbcUrl();

  void setJdbcUrl(String jdbcUrl);

  @Description("Id of this run, written into outputs and file names; default a timestamp")
  String getRunId();

  void setRunId(String runId);
}
