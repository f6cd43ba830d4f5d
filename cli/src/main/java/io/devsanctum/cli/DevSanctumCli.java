package io.devsanctum.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code devsanctum}: the platform from a terminal and from scripts. */
@Command(name = "devsanctum", mixinStandardHelpOptions = true, version = "devsanctum 0.1.0",
    description = "DevSanctum workspaces from the command line: sign in, create and run workspaces, SSH into them.",
    subcommands = {LoginCommands.Login.class, LoginCommands.Whoami.class, LoginCommands.Logout.class,
        WorkspaceCommands.Ls.class, WorkspaceCommands.Create.class, WorkspaceCommands.Start.class,
        WorkspaceCommands.Stop.class, WorkspaceCommands.Restart.class, WorkspaceCommands.Update.class,
        WorkspaceCommands.Delete.class,
        WorkspaceCommands.Logs.class, SshCommands.Ssh.class, SshCommands.ConfigSsh.class, SshCommands.PortForward.class, SshKeyCommands.class,
        TokenCommands.class, TemplateCommands.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class DevSanctumCli {

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; its exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine line = new CommandLine(new DevSanctumCli());
    line.setOut(out).setErr(err);
    line.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
      if (failure instanceof CliException refused) {
        err.println("error: " + refused.getMessage());
        return refused.exitCode();
      }
      err.println("error: " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()));
      return CliException.FAILED;
    });
    return line.execute(args);
  }
}
