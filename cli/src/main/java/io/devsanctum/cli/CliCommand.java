package io.devsanctum.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command's common part: its output format, and the sign-in it runs with. */
abstract class CliCommand implements Callable<Integer> {

  @Option(names = {"-o", "--output"}, defaultValue = "table",
      description = "table (for people) or json (for scripts); default: ${DEFAULT-VALUE}")
  Output.Format format;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Output output = new Output(format, spec.commandLine().getOut());
    try {
      return execute(output);
    } finally {
      output.flush();
    }
  }

  /** Does the command; its exit code. */
  abstract int execute(Output out) throws Exception;

  static Api api() throws java.io.IOException {
    return Api.of(CliConfig.require());
  }
}
