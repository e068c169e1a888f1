package io.tributary.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Flags marked {@link StepArg} become pipeline options by their marked names, with no per-command mapping. */
public class StepArgsTest {
  static final class Kafka {
    @StepArg("bootstrapServers")
    @Option(names = "--bootstrap-servers")
    String servers;
  }

  abstract static class Base extends BeamCommand {
    @StepArg("asOf")
    @Option(names = "--as-of")
    String asOf;
  }

  @Command(name = "step")
  static final class Step extends Base {
    @StepArg("source")
    @Parameters(index = "0")
    String file;

    @StepArg("routesK")
    @Option(names = "--k")
    Integer k;

    @StepArg("replacePartition")
    @Option(names = "--replace-partition")
    boolean replace;

    @Option(names = "--not-an-option")
    String local;

    @Mixin Kafka kafka = new Kafka();
  }

  @Test
  public void markedFlagsInTheCommandItsBaseAndItsMixinsMapByTheirNames() {
    Step step = new Step();
    new CommandLine(step).parseArgs("in.csv", "--k=7", "--replace-partition", "--bootstrap-servers=h:1", "--not-an-option=x");
    Map<String, String> expected = new HashMap<>();
    expected.put("source", "in.csv");
    expected.put("routesK", "7");
    expected.put("replacePartition", "true");
    expected.put("bootstrapServers", "h:1");
    expected.put("asOf", null); // not given: null leaves the config's value
    assertEquals(expected, step.stepArgs());
  }
}
