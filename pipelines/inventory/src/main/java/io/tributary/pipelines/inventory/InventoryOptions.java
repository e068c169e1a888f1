package io.tributary.pipelines.inventory;

import io.tributary.core.step.LakeOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the inventory pipeline's steps; the config's {@code inventory:} section maps onto them by name. */
public interface InventoryOptions extends LakeOptions {
  @Description("Root of the marketplace's lake: vehicle/snapshot_date=D/, vehicle_history/event_date=D/, "
      + "impressions/date=D/, leads/date=D/, zip_dma/; local or s3://; or a jdbc: URL with --inputFormat=jdbc")
  @Default.String("samples/inventory")
  String getInput();

  void setInput(String input);

  @Description("The day to process, yyyy-MM-dd (or --from/--to for a range)")
  String getDate();

  void setDate(String date);

  @Description("First day of a range (backfill), yyyy-MM-dd")
  String getFrom();

  void setFrom(String from);

  @Description("Last day of a range (backfill), yyyy-MM-dd, inclusive")
  String getTo();

  void setTo(String to);

  @Description("Recompute days already published (default: skip them)")
  @Default.Boolean(false)
  boolean getForce();

  void setForce(boolean force);

  @Description("Skip days whose input is missing, and count missing impression/lead days of a window as no "
      + "activity (default: a missing input day is an error naming the day and table)")
  @Default.Boolean(false)
  boolean getSkipMissing();

  void setSkipMissing(boolean skip);

  @Description("Vehicle statuses that count as active, comma-separated")
  @Default.String("active")
  String getActiveStatuses();

  void setActiveStatuses(String statuses);

  @Description("Activity windows in days, comma-separated, each ending at the day")
  @Default.String("1,7,30")
  String getWindows();

  void setWindows(String windows);

  @Description("Weight of each impression and lead kind in activity_score, kind=weight comma-separated "
      + "(a kind left out weighs 0)")
  @Default.String(Weights.DEFAULT)
  String getWeights();

  void setWeights(String weights);

  @Description("The activity window the groups use (one of --windows)")
  @Default.Integer(7)
  int getGroupWindowDays();

  void setGroupWindowDays(int days);

  @Description("Grouping sets of vehicle attributes (make, model, model_year, body_style, stock_type): "
      + "attributes comma-separated, sets semicolon-separated; each is crossed with zip_code and dma")
  @Default.String("make,model,model_year,body_style,stock_type;make,model;body_style")
  String getGroupingSets();

  void setGroupingSets(String sets);

  @Description("Also replace each computed day of the groups in the JDBC table inventory_groups (--jdbc-url), "
      + "after the lake commit, one transaction per day")
  @Default.Boolean(false)
  boolean getGroupsJdbc();

  void setGroupsJdbc(boolean jdbc);

  @Description("Format of the inputs: csv (files with a header row), parquet (files, columns by name) or jdbc "
      + "(tables vehicle, vehicle_history, impressions, leads, zip_dma at the jdbc: URL --input)")
  @Default.String("csv")
  String getInputFormat();

  void setInputFormat(String format);
}
