package io.tributary.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads the dead letters a step wrote (JSON lines under a folder), as a user inspecting them would. */
public final class DeadLetterFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetterFiles() {}

  /** Every dead letter in every *.jsonl under {@code dir}. */
  public static List<JsonNode> read(Path dir) throws IOException {
    List<JsonNode> letters = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        letters.add(JSON.readTree(line));
      }
    }
    return letters;
  }
}
