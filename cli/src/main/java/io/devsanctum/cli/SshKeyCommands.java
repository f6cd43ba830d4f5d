package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The SSH public keys that sign you in to your workspaces. */
@Command(name = "ssh-keys", mixinStandardHelpOptions = true, description = "Your SSH public keys.",
    subcommands = {SshKeyCommands.Ls.class, SshKeyCommands.Add.class, SshKeyCommands.Rm.class})
final class SshKeyCommands {

  private static final List<Output.Column> COLUMNS = List.of(Output.Column.of("NAME", "name"),
      Output.Column.of("FINGERPRINT", "fingerprint"), Output.Column.of("ADDED", "createdAt"),
      Output.Column.of("LAST USED", "lastUsedAt"));

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "Your SSH keys.")
  static final class Ls extends CliCommand {
    @Override
    int execute(Output out) throws Exception {
      out.rows(api().all("/api/v1/ssh-keys", "keys"), COLUMNS);
      return 0;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Register a public key.")
  static final class Add extends CliCommand {

    @Parameters(index = "0", description = "a name for it, e.g. laptop")
    String name;

    @Parameters(index = "1", description = "the public key file, e.g. ~/.ssh/id_ed25519.pub")
    Path file;

    @Override
    int execute(Output out) throws Exception {
      if (!Files.isReadable(file)) {
        throw new CliException(CliException.REFUSED, "cannot read " + file);
      }
      JsonNode added = api().post("/api/v1/ssh-keys", Api.JSON.createObjectNode().put("name", name)
          .put("publicKey", Files.readString(file).strip()));
      out.one(added, "Added " + name + " (" + added.path("fingerprint").asText() + ")");
      return 0;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a key; sessions opened with it end.")
  static final class Rm extends CliCommand {

    @Parameters(index = "0", description = "the key's name")
    String name;

    @Override
    int execute(Output out) throws Exception {
      Api api = api();
      JsonNode key = StreamSupport.stream(api.all("/api/v1/ssh-keys", "keys").spliterator(), false)
          .filter(candidate -> candidate.path("name").asText().equals(name)).findFirst()
          .orElseThrow(() -> new CliException(CliException.NOT_FOUND, "no SSH key named " + name));
      api.delete("/api/v1/ssh-keys/" + key.path("id").asText());
      out.one(key, "Deleted " + name);
      return 0;
    }
  }
}
