package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Templates: what workspaces are made from. */
@Command(name = "templates", mixinStandardHelpOptions = true, description = "Templates workspaces are made from.",
    subcommands = {TemplateCommands.Ls.class, TemplateCommands.Show.class, TemplateCommands.Push.class})
final class TemplateCommands {

  static JsonNode byName(Api api, String name) {
    return StreamSupport.stream(api.all("/api/v1/templates", "templates").spliterator(), false)
        .filter(template -> template.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new CliException(CliException.NOT_FOUND, "no template named " + name));
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "The templates you may use.")
  static final class Ls extends CliCommand {
    @Override
    int execute(Output out) throws Exception {
      out.rows(api().all("/api/v1/templates", "templates"), List.of(Output.Column.of("NAME", "name"),
          Output.Column.of("DISPLAY NAME", "displayName"), new Output.Column("VERSION", template -> template.path("activeVersion").path("version").asText("-")),
          Output.Column.of("DESCRIPTION", "description")));
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A template with its active spec.")
  static final class Show extends CliCommand {

    @Parameters(index = "0", description = "the template's name")
    String name;

    @Override
    int execute(Output out) throws Exception {
      JsonNode template = byName(api(), name);
      out.one(template, template.toPrettyString());
      return 0;
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = "Templates as code: create the template described by <dir>/" + Push.FILE + " (the API's NewTemplate:"
          + " name, displayName, description, icon, spec), or give the existing one of that name a new version (admins).")
  static final class Push extends CliCommand {

    static final String FILE = "template.json";

    @Parameters(index = "0", description = "the folder with " + FILE)
    Path dir;

    @Override
    int execute(Output out) throws Exception {
      Path file = dir.resolve(FILE);
      if (!Files.isReadable(file)) {
        throw new CliException(CliException.REFUSED, "no " + FILE + " in " + dir);
      }
      JsonNode described;
      try {
        described = Api.JSON.readTree(file.toFile());
      } catch (java.io.IOException unreadable) {
        throw new CliException(CliException.REFUSED, file + " is not JSON: " + unreadable.getMessage().lines().findFirst().orElse(""));
      }
      String name = described.path("name").asText();
      Api api = api();
      JsonNode existing = StreamSupport.stream(api.all("/api/v1/templates", "templates").spliterator(), false)
          .filter(template -> template.path("name").asText().equals(name)).findFirst().orElse(null);
      JsonNode pushed;
      if (existing == null) {
        pushed = api.post("/api/v1/templates", described);
      } else {
        ObjectNode changes = ((ObjectNode) described.deepCopy());
        changes.remove("name");
        pushed = api.patch("/api/v1/templates/" + existing.path("id").asText(), changes);
      }
      out.one(pushed, (existing == null ? "Created " : "Updated ") + name + ": version "
          + pushed.path("activeVersion").path("version").asText());
      pushed.path("warnings").forEach(warning -> System.err.println("warning: " + warning.path("message").asText()));
      return 0;
    }
  }
}
