package io.tributary.core.step;

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

  @Description("Iceberg JDBC catalog shared by every process writing the lake (jdbc:postgresql:..., "
      + "jdbc:mariadb:..., jdbc:mysql:...); default an embedded H2 file at <lake>/catalog")
  String getCatalogUri();

  void setCatalogUri(String uri);

  @Description("Read the lake tables as of this snapshot id (time travel; see `tributary table history`)")
  Long getReadSnapshot();

  void setReadSnapshot(Long snapshot);

  @Description("Read the lake tables as they were at this time (ISO-8601, e.g. 2026-11-30T12:00:00Z)")
  String getReadAsOf();

  void setReadAsOf(String asOf);

  @Description("Files a killed run wrote but never committed are removed by the next run of the step once "
      + "older than this many seconds (younger ones may belong to a run still committing)")
  @Default.Long(3600)
  long getOrphanGraceSeconds();

  void setOrphanGraceSeconds(long seconds);

  @Description("While a step runs, print what its workers in this JVM counted so far every this many seconds; 0: never")
  @Default.Long(60)
  long getProgressSeconds();

  void setProgressSeconds(long seconds);

  @Description("Id of this run, written into outputs and file names; default a timestamp")
  String getRunId();

  void setRunId(String runId);

  @Description("Earliest valid date of every date and timestamp column, and of --date/--as-of (yyyy-MM-dd)")
  @Default.String(io.tributary.transforms.validation.DateRange.DEFAULT_MIN)
  String getMinDate();

  void setMinDate(String minDate);

  @Description("Latest valid date of every date and timestamp column, and of --date/--as-of (yyyy-MM-dd)")
  @Default.String(io.tributary.transforms.validation.DateRange.DEFAULT_MAX)
  String getMaxDate();

  void setMaxDate(String maxDate);

  @Description("Largest CSV record in bytes (a line, or the lines one quoted field spans); a longer one, or a "
      + "quote left open that long, is a dead letter and reading goes on at the next line")
  @Default.Integer(io.tributary.transforms.io.CsvRecordReader.DEFAULT_MAX_RECORD_BYTES)
  int getMaxRecordBytes();

  void setMaxRecordBytes(int bytes);
}
