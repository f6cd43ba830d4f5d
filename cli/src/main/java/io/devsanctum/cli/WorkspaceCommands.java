package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Workspaces: list, create, start, stop, restart, delete, and their deployment logs. */
final class WorkspaceCommands {

  private static final long POLL_MS = 500;

  private WorkspaceCommands() {
  }

  /** The caller's workspace {@code name}; NOT_FOUND otherwise. */
  static JsonNode byName(Api api, String name) {
    return StreamSupport.stream(api.all("/api/v1/workspaces", "workspaces").spliterator(), false)
        .filter(workspace -> workspace.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new CliException(CliException.NOT_FOUND, "no workspace named " + name));
  }

  /**
   * Prints the log of the workspace's latest deployment as it is written, until that deployment
   * ends; fails when it failed.
   */
  static JsonNode follow(Api api, Output out, String workspaceId) throws InterruptedException {
    // newest first: the first of a one-item page is the latest
    JsonNode latest = api.get("/api/v1/workspaces/" + workspaceId + "/deployments?limit=1").path("deployments").path(0);
    if (latest.isMissingNode()) {
      throw new CliException(CliException.FAILED, "the workspace has no deployment");
    }
    int number = latest.path("number").asInt();
    int after = 0;
    while (true) {
      JsonNode page = api.get("/api/v1/workspaces/" + workspaceId + "/deployments/" + number + "/logs?after=" + after);
      for (JsonNode line : page.path("lines")) {
        after = Math.max(after, line.path("line").asInt());
        out.say(line.path("level").asText() + "  " + line.path("message").asText());
      }
      String status = page.path("deployment").path("status").asText();
      if (status.equals("SUCCEEDED")) {
        return page.path("deployment");
      }
      if (status.equals("FAILED")) {
        throw new CliException(CliException.FAILED, "deployment " + number + " failed: "
            + page.path("deployment").path("failureReason").asText("see its log"));
      }
      Thread.sleep(POLL_MS);
    }
  }

  static final List<Output.Column> COLUMNS = List.of(Output.Column.of("NAME", "name"),
      Output.Column.of("OWNER", "ownerName"), Output.Column.of("STATE", "state"), Output.Column.of("URL", "url"));

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "Your workspaces (admins: everyone's).")
  static final class Ls extends CliCommand {
    @Override
    int execute(Output out) throws Exception {
      out.rows(api().all("/api/v1/workspaces", "workspaces"), COLUMNS);
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a workspace from a template and wait until it runs, printing its deployment log.")
  static final class Create extends CliCommand {

    @Parameters(index = "0", description = "the workspace's name")
    String name;

    @Option(names = {"-t", "--template"}, required = true, description = "the template's name")
    String template;

    @Option(names = {"-p", "--param"}, description = "a parameter's value, name=value (repeatable)")
    Map<String, String> parameters = Map.of();

    @Override
    int execute(Output out) throws Exception {
      Api api = api();
      JsonNode found = TemplateCommands.byName(api, template);
      ObjectNode body = Api.JSON.createObjectNode().put("templateId", found.path("id").asText()).put("name", name);
      ObjectNode values = body.putObject("parameters");
      parameters.forEach(values::put);
      JsonNode created = api.post("/api/v1/workspaces", body);
      out.say("Creating " + name + " from " + template + "…");
      follow(api, out, created.path("id").asText());
      JsonNode running = api.get("/api/v1/workspaces/" + created.path("id").asText());
      out.one(running, name + " is " + running.path("state").asText().toLowerCase()
          + (running.hasNonNull("url") ? " at " + running.path("url").asText() : ""));
      return 0;
    }
  }

  /** A lifecycle action on a workspace by name: it starts a deployment whose log is printed. */
  abstract static class Transition extends CliCommand {

    @Parameters(index = "0", description = "the workspace's name")
    String name;

    abstract String action();

    @Override
    int execute(Output out) throws Exception {
      Api api = api();
      String id = byName(api, name).path("id").asText();
      if (action().equals("delete")) {
        api.delete("/api/v1/workspaces/" + id);
      } else {
        api.post("/api/v1/workspaces/" + id + "/" + action(), Api.JSON.createObjectNode());
      }
      try {
        follow(api, out, id);
      } catch (CliException gone) {
        if (!action().equals("delete") || gone.exitCode() != CliException.NOT_FOUND) {
          throw gone;
        }
        // the workspace went with its last deployment: deleted
      }
      if (action().equals("delete")) {
        out.one(Api.JSON.createObjectNode().put("name", name).put("state", "DELETED"), name + " is deleted");
      } else {
        JsonNode now = api.get("/api/v1/workspaces/" + id);
        out.one(now, name + " is " + now.path("state").asText().toLowerCase());
      }
      return 0;
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a workspace and wait until it runs.")
  static final class Start extends Transition {
    @Override
    String action() {
      return "start";
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a workspace (its home stays).")
  static final class Stop extends Transition {
    @Override
    String action() {
      return "stop";
    }
  }

  @Command(name = "restart", mixinStandardHelpOptions = true, description = "Stop and start a workspace.")
  static final class Restart extends Transition {
    @Override
    String action() {
      return "restart";
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Move a workspace to its template's active version (restarting it if it runs).")
  static final class Update extends Transition {
    @Override
    String action() {
      return "update";
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a workspace and its home volume (asks for --yes).")
  static final class Delete extends Transition {

    @Option(names = {"-y", "--yes"}, description = "yes, delete it and everything in its home")
    boolean yes;

    @Override
    String action() {
      return "delete";
    }

    @Override
    int execute(Output out) throws Exception {
      if (!yes) {
        throw new CliException(CliException.REFUSED, "deleting " + name + " removes its home too: add --yes to do it");
      }
      return super.execute(out);
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true, description = "The log of a workspace's latest deployment.")
  static final class Logs extends CliCommand {

    @Parameters(index = "0", description = "the workspace's name")
    String name;

    @Override
    int execute(Output out) throws Exception {
      Api api = api();
      JsonNode deployment = follow(api, out, byName(api, name).path("id").asText());
      if (out.json()) {
        out.one(deployment, "");
      }
      return 0;
    }
  }
}
