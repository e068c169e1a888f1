package io.tributary.tools;

import io.tributary.pipelines.invoices.InvoiceTable;
import io.tributary.pipelines.invoices.InvoicesOptions;
import io.tributary.pipelines.invoices.StreamInvoices;
import io.tributary.pipelines.invoices.StreamTopics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.transforms.cdc.DebeziumEnvelope;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code invoices cdc-replay}: turns a CSV snapshot into Debezium events, as a CDC connector would
 * emit them: an {@code r} (snapshot read) event per row, then a seeded stream of random inserts,
 * updates and deletes over the four tables. Message key = the row's primary key (so a key's events
 * stay in order in one partition). The tables as they stand after the last event are written back
 * as CSV ({@code finalSnapshot}), which is what a batch run must agree with.
 */
public final class CdcReplay {
  /** What a replay did. */
  public static final class Result {
    public long snapshotEvents;
    public long changeEvents;
    public long seconds;
  }

  private final InvoicesOptions options;
  private final Random random;
  private final InvoicesGenerator generator;
  private final InvoicesSnapshot snapshot;
  private final PrintStream log;
  private final KafkaProducer<String, String> producer;

  private CdcReplay(InvoicesOptions options, InvoicesSnapshot snapshot, long seed, PrintStream log) {
    this.options = options;
    this.random = new Random(seed);
    this.generator = new InvoicesGenerator(seed ^ 0x5DEECE66DL);
    this.snapshot = snapshot;
    this.log = log;
    Properties p = new Properties();
    p.put("bootstrap.servers", options.getBootstrapServers());
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("linger.ms", "5");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /**
   * Replays {@code source}: the snapshot's rows as {@code r} events (unless {@code snapshotEvents}
   * is false: the topics already hold them), then {@code changes} random changes, at most
   * {@code eventsPerSecond} a second (0: as fast as Kafka takes them). Writes the final tables to
   * {@code finalSnapshot} when given.
   */
  public static Result replay(InvoicesOptions options, Path source, boolean snapshotEvents, long changes, long seed,
      int partitions, double eventsPerSecond, Path finalSnapshot, PrintStream log) throws Exception {
    InvoicesSnapshot snapshot = InvoicesSnapshot.read(source);
    StreamTopics.create(options, partitions);
    Result result = new Result();
    long start = System.currentTimeMillis();
    CdcReplay replay = new CdcReplay(options, snapshot, seed, log);
    try {
      if (snapshotEvents) {
        for (InvoiceTable t : InvoiceTable.values()) {
          for (List<String> row : snapshot.tables.get(t).values()) {
            replay.send(t, "r", null, row);
            result.snapshotEvents++;
          }
        }
      }
      for (long i = 0; i < changes; i++) {
        if (eventsPerSecond > 0) {
          long due = start + (long) (i * 1000 / eventsPerSecond);
          long wait = due - System.currentTimeMillis();
          if (wait > 0) {
            Thread.sleep(wait);
          }
        }
        replay.randomChange();
        result.changeEvents++;
        if ((i + 1) % 100_000 == 0) {
          log.printf("[cdc-replay] %d changes sent%n", i + 1);
        }
      }
      replay.producer.flush();
    } finally {
      replay.producer.close();
    }
    if (finalSnapshot != null) {
      snapshot.write(finalSnapshot);
    }
    result.seconds = (System.currentTimeMillis() - start) / 1000;
    return result;
  }

  private void send(InvoiceTable t, String op, List<String> before, List<String> after) {
    long ts = System.currentTimeMillis();
    String key = InvoicesSnapshot.key(t, after != null ? after : before);
    String value = DebeziumEnvelope.write(op, image(t, before), image(t, after), ts, t.table);
    producer.send(new ProducerRecord<>(StreamInvoices.topic(options, t.table), key, value));
  }

  /** A row image as Debezium's JSON converter writes it: numbers as numbers, DATE as days since epoch. */
  static ObjectNode image(InvoiceTable t, List<String> values) {
    if (values == null) {
      return null;
    }
    ObjectNode node = DebeziumEnvelope.object();
    List<String> columns = t.columns();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i);
      String v = values.get(i) == null ? "" : values.get(i).trim();
      Schema.FieldType type = t.schema.getField(name).getType();
      try {
        if (v.isEmpty()) {
          node.putNull(name);
        } else if (type.getTypeName() == Schema.TypeName.LOGICAL_TYPE) {
          node.put(name, InvoiceTable.date(name, v, InvoiceTable.Values.FILE).toEpochDay());
        } else if (type.getTypeName() == Schema.TypeName.INT64) {
          node.put(name, Long.parseLong(v));
        } else if (type.getTypeName() == Schema.TypeName.DOUBLE) {
          node.put(name, Double.parseDouble(v));
        } else {
          node.put(name, values.get(i));
        }
      } catch (RuntimeException e) {
        node.put(name, values.get(i)); // a bad value travels as text: the stream dead-letters it, as batch does
      }
    }
    return node;
  }

  private void randomChange() {
    int p = random.nextInt(100);
    InvoiceTable t = p < 40 ? InvoiceTable.LINE_ITEMS : p < 70 ? InvoiceTable.INVOICES
        : p < 85 ? InvoiceTable.ACCOUNTS : InvoiceTable.SKUS;
    LinkedHashMap<String, List<String>> rows = snapshot.tables.get(t);
    int op = random.nextInt(100);
    if (rows.isEmpty() || op < 40) {
      insert(t, rows);
    } else if (op < 80) {
      List<String> before = pick(rows);
      List<String> after = modified(t, before);
      put(rows, InvoicesSnapshot.key(t, after), after);
      send(t, "u", before, after);
    } else {
      List<String> before = pick(rows);
      remove(rows, InvoicesSnapshot.key(t, before));
      send(t, "d", before, null);
    }
  }

  private void insert(InvoiceTable t, LinkedHashMap<String, List<String>> rows) {
    List<String> row;
    switch (t) {
      case ACCOUNTS:
        row = generator.account(nextId(rows)).values;
        break;
      case INVOICES:
        row = generator.invoice(nextId(rows), Long.parseLong(anyKey(InvoiceTable.ACCOUNTS, "1"))).values;
        break;
      case SKUS:
        row = generator.sku(1000 + random.nextInt(1_000_000)).values;
        break;
      default:
        String invoice = anyKey(InvoiceTable.INVOICES, "1");
        String sku = anyKey(InvoiceTable.SKUS, InvoicesGenerator.itemId(0));
        row = generator.lineItem(Long.parseLong(invoice), sku).values;
    }
    String key = InvoicesSnapshot.key(t, row);
    List<String> before = rows.get(key);
    put(rows, key, row);
    send(t, before == null ? "c" : "u", before, row);
  }

  private List<String> modified(InvoiceTable t, List<String> before) {
    List<String> after = new ArrayList<>(before);
    switch (t) {
      case ACCOUNTS:
        // a move (new address, sometimes over several lines), a new phone, sometimes a new name
        List<String> fresh = generator.account(Long.parseLong(before.get(0).trim())).values;
        after.set(2, fresh.get(2));
        after.set(4, fresh.get(4));
        if (random.nextInt(4) == 0) {
          after.set(1, before.get(1).replaceAll(" \\(renamed \\d+\\)$", "") + " (renamed " + random.nextInt(100) + ")");
        }
        break;
      case INVOICES:
        after.set(2, InvoicesGenerator.FIRST_DAY.plusDays(random.nextInt(InvoicesGenerator.DAYS)).toString());
        if (random.nextInt(4) == 0) {
          after.set(1, anyKey(InvoiceTable.ACCOUNTS, before.get(1)));
        }
        break;
      case SKUS:
        after.set(4, String.valueOf(Math.round((1 + random.nextInt(30000) / 100.0) * 100) / 100.0));
        if (random.nextInt(3) == 0) {
          after.set(1, InvoicesGenerator.PRODUCTS[random.nextInt(InvoicesGenerator.PRODUCTS.length)] + " v" + random.nextInt(9));
        }
        break;
      default:
        after.set(2, String.valueOf(1 + random.nextInt(10)));
    }
    return after;
  }

  /** Highest numeric id handed out per table: computed once, then counted up. */
  private final Map<LinkedHashMap<String, List<String>>, Long> maxIds = new java.util.IdentityHashMap<>();

  private long nextId(LinkedHashMap<String, List<String>> rows) {
    long max = maxIds.computeIfAbsent(rows, r -> {
      long m = 0;
      for (String k : r.keySet()) {
        try {
          m = Math.max(m, Long.parseLong(k));
        } catch (NumberFormatException ignored) {
          // a malformed id in the source: not a number to continue from
        }
      }
      return m;
    });
    long next = max + 1 + random.nextInt(3);
    maxIds.put(rows, next);
    return next;
  }

  private String anyKey(InvoiceTable t, String fallback) {
    LinkedHashMap<String, List<String>> rows = snapshot.tables.get(t);
    if (rows.isEmpty()) {
      return fallback;
    }
    return pick(rows).get(t.columns().indexOf(t.primaryKey.get(0))).trim();
  }

  /** Keys of each table in an array list (swap-remove), so a random pick is O(1) at millions of rows. */
  private final Map<LinkedHashMap<String, List<String>>, KeyIndex> indexes = new java.util.IdentityHashMap<>();

  private static final class KeyIndex {
    final List<String> keys = new ArrayList<>();
    final Map<String, Integer> position = new java.util.HashMap<>();

    void add(String key) {
      if (position.putIfAbsent(key, keys.size()) == null) {
        keys.add(key);
      }
    }

    void remove(String key) {
      Integer at = position.remove(key);
      if (at != null) {
        String last = keys.remove(keys.size() - 1);
        if (at < keys.size()) {
          keys.set(at, last);
          position.put(last, at);
        }
      }
    }
  }

  private KeyIndex index(LinkedHashMap<String, List<String>> rows) {
    return indexes.computeIfAbsent(rows, r -> {
      KeyIndex index = new KeyIndex();
      r.keySet().forEach(index::add);
      return index;
    });
  }

  private void put(LinkedHashMap<String, List<String>> rows, String key, List<String> values) {
    rows.put(key, values);
    index(rows).add(key);
  }

  private void remove(LinkedHashMap<String, List<String>> rows, String key) {
    rows.remove(key);
    index(rows).remove(key);
  }

  private List<String> pick(LinkedHashMap<String, List<String>> rows) {
    List<String> keys = index(rows).keys;
    return rows.get(keys.get(random.nextInt(keys.size())));
  }

}
