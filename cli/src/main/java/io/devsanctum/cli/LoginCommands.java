package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Signing the CLI in and out. */
final class LoginCommands {

  private LoginCommands() {
  }

  @Command(name = "login", mixinStandardHelpOptions = true,
      description = "Sign in to a DevSanctum at <url> with an API token (create one on the dashboard's Account page).")
  static final class Login extends CliCommand {

    @Parameters(index = "0", description = "the dashboard's URL, e.g. http://localhost:8080")
    String url;

    @Option(names = "--token", description = "an API token (dst_…); asked for on standard input when absent")
    String token;

    @Option(names = "--ssh-port", defaultValue = "2222", description = "the platform's SSH port; default: ${DEFAULT-VALUE}")
    int sshPort;

    @Override
    int execute(Output out) throws Exception {
      String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      if (token == null) {
        System.err.println("Create an API token at " + base + "/account and paste it here:");
        token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (token == null || token.isBlank()) {
          throw new CliException(CliException.UNAUTHENTICATED, "no token given");
        }
        token = token.strip();
      }
      JsonNode me = new Api(base, token).get("/api/v1/users/me");
      new CliConfig(base, token, sshPort).save();
      out.one(me, "Signed in to " + base + " as " + me.path("username").asText());
      return 0;
    }
  }

  @Command(name = "whoami", mixinStandardHelpOptions = true, description = "Who the CLI is signed in as.")
  static final class Whoami extends CliCommand {
    @Override
    int execute(Output out) throws Exception {
      CliConfig config = CliConfig.require();
      JsonNode me = Api.of(config).get("/api/v1/users/me");
      out.one(me, me.path("username").asText() + " (" + me.path("role").asText() + ") at " + config.url());
      return 0;
    }
  }

  @Command(name = "logout", mixinStandardHelpOptions = true,
      description = "Forget the stored sign-in (revoke the token on the Account page to end it everywhere).")
  static final class Logout extends CliCommand {
    @Override
    int execute(Output out) throws Exception {
      out.say(CliConfig.delete() ? "Signed out" : "Not signed in");
      return 0;
    }
  }
}
