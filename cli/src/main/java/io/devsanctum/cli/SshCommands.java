package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** SSH into workspaces with the machine's OpenSSH client. */
final class SshCommands {

  /** The ssh program and options to run it with (e.g. {@code ssh -i ~/.ssh/other}); default {@code ssh}. */
  static final String SSH_COMMAND_ENV = "DEVSANCTUM_SSH_COMMAND";
  static final String BEGIN = "# ----- BEGIN DEVSANCTUM (written by `devsanctum config-ssh`; edits here are replaced) -----";
  static final String END = "# ----- END DEVSANCTUM -----";

  private SshCommands() {
  }

  /** The login that names a workspace: {@code <name>} for one's own, {@code <name>.<owner>} for another's. */
  static String login(JsonNode workspace, String myId) {
    return workspace.path("ownerId").asText().equals(myId)
        ? workspace.path("name").asText() : workspace.path("name").asText() + "." + workspace.path("ownerName").asText();
  }

  @Command(name = "ssh", mixinStandardHelpOptions = true,
      description = "A shell in a workspace, or a command (after --), through the platform's SSH port.")
  static final class Ssh extends CliCommand {

    @Parameters(index = "0", description = "the workspace's name")
    String name;

    @Parameters(index = "1..*", description = "a command to run instead of a shell")
    List<String> command = List.of();

    @Option(names = "--start", description = "start the workspace first if it is not running")
    boolean start;

    @Override
    int execute(Output out) throws Exception {
      CliConfig config = CliConfig.require();
      Api api = Api.of(config);
      JsonNode workspace = WorkspaceCommands.byName(api, name);
      if (!workspace.path("state").asText().equals("RUNNING")) {
        if (!start) {
          throw new CliException(CliException.REFUSED, name + " is " + workspace.path("state").asText().toLowerCase()
              + ": start it with `devsanctum start " + name + "`, or add --start");
        }
        api.post("/api/v1/workspaces/" + workspace.path("id").asText() + "/start", Api.JSON.createObjectNode());
        WorkspaceCommands.follow(api, new Output(Output.Format.table, new java.io.PrintWriter(System.err, true)),
            workspace.path("id").asText());
      }
      List<String> ssh = new ArrayList<>(sshProgram());
      ssh.addAll(List.of("-p", String.valueOf(config.sshPort()), "-o", "StrictHostKeyChecking=accept-new",
          "-l", name, config.host()));
      if (!command.isEmpty()) {
        ssh.add("--");
        ssh.addAll(command);
      }
      out.flush();
      return new ProcessBuilder(ssh).inheritIO().start().waitFor();
    }
  }

  @Command(name = "port-forward", mixinStandardHelpOptions = true,
      description = "Forward local ports to ports of a workspace (its own loopback, or any port it listens on) "
          + "until Ctrl-C.")
  static final class PortForward extends CliCommand {

    @Parameters(index = "0", description = "the workspace's name")
    String name;

    @Option(names = "--tcp", required = true, description = "local:remote, e.g. 8000:3000 (repeatable)")
    List<String> ports;

    @Override
    int execute(Output out) throws Exception {
      CliConfig config = CliConfig.require();
      WorkspaceCommands.byName(Api.of(config), name);
      List<String> ssh = new ArrayList<>(sshProgram());
      ssh.addAll(List.of("-N", "-o", "ExitOnForwardFailure=yes", "-o", "StrictHostKeyChecking=accept-new",
          "-p", String.valueOf(config.sshPort()), "-l", name));
      for (String pair : ports) {
        String[] sides = pair.split(":");
        if (sides.length != 2 || !sides[0].matches("\\d{1,5}") || !sides[1].matches("\\d{1,5}")) {
          throw new CliException(CliException.REFUSED, "--tcp takes local:remote ports, e.g. 8000:3000, not " + pair);
        }
        ssh.addAll(List.of("-L", "127.0.0.1:" + sides[0] + ":localhost:" + sides[1]));
        System.err.println("Forwarding 127.0.0.1:" + sides[0] + " to port " + sides[1] + " of " + name);
      }
      ssh.add(config.host());
      return new ProcessBuilder(ssh).inheritIO().start().waitFor();
    }
  }

  static List<String> sshProgram() {
    String configured = System.getenv(SSH_COMMAND_ENV);
    return configured == null || configured.isBlank()
        ? List.of("ssh") : Arrays.asList(configured.trim().split("\\s+"));
  }

  @Command(name = "config-ssh", mixinStandardHelpOptions = true,
      description = "Write a block in ~/.ssh/config so that `ssh <workspace>.devsanctum` (and VS Code Remote-SSH) "
          + "reaches each of your workspaces; run it again after creating one.")
  static final class ConfigSsh extends CliCommand {

    @Option(names = "--ssh-config", description = "the file to write; default: ~/.ssh/config")
    Path file = Path.of(System.getProperty("user.home"), ".ssh", "config");

    @Override
    int execute(Output out) throws Exception {
      CliConfig config = CliConfig.require();
      Api api = Api.of(config);
      String me = api.get("/api/v1/users/me").path("id").asText();
      StringBuilder block = new StringBuilder(BEGIN).append('\n');
      List<String> hosts = new ArrayList<>();
      for (JsonNode workspace : api.all("/api/v1/workspaces", "workspaces")) {
        String login = login(workspace, me);
        hosts.add(login + ".devsanctum");
        block.append("Host ").append(login).append(".devsanctum\n")
            .append("  HostName ").append(config.host()).append('\n')
            .append("  Port ").append(config.sshPort()).append('\n')
            .append("  User ").append(login).append('\n')
            .append("  StrictHostKeyChecking accept-new\n");
      }
      block.append(END).append('\n');
      String existing = Files.exists(file) ? Files.readString(file) : "";
      int begin = existing.indexOf(BEGIN);
      int end = existing.indexOf(END);
      String rest = begin >= 0 && end > begin
          ? existing.substring(0, begin) + existing.substring(end + END.length()).replaceFirst("^\n", "")
          : existing;
      // first, so that its Host blocks come before any catch-all of the user's
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, block + (rest.isEmpty() || rest.startsWith("\n") ? rest : "\n" + rest));
      out.rows(Api.JSON.valueToTree(hosts.stream().map(host -> java.util.Map.of("host", host)).toList()),
          List.of(Output.Column.of("HOST", "host")));
      return 0;
    }
  }
}
