package io.devsanctum.standalone;

import io.devsanctum.auth.AuthServiceMain;
import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.gateway.GatewayServiceMain;
import io.devsanctum.provisioner.ProvisionerServiceMain;
import io.devsanctum.routing.RoutingServiceMain;
import io.devsanctum.workspace.WorkspaceServiceMain;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Entry point of {@code devsanctum.jar}. Without arguments: standalone mode. With
 * {@code service <name>}: that one service as a cluster member (each service's own main). With
 * {@code check-config}: only reads every setting, exit status 2 naming the first that is wrong.
 */
public final class DevSanctum {

  private static final Map<String, Consumer<String[]>> SERVICES = Map.of(
      "auth", AuthServiceMain::main,
      "workspace", WorkspaceServiceMain::main,
      "provisioner", ProvisionerServiceMain::main,
      "routing", RoutingServiceMain::main,
      "gateway", GatewayServiceMain::main);

  private DevSanctum() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || (args.length == 1 && "check-config".equals(args[0]))) {
      DevSanctumConfig config;
      try {
        config = DevSanctumConfig.fromEnvironment();
        ConfigurationCheck.checkEveryService(config);
      } catch (ConfigException e) {
        System.err.println("devsanctum: " + e.getMessage());
        System.exit(2);
        return;
      }
      if (args.length == 0) {
        Standalone.run(config);
      }
      return;
    }
    if (args.length >= 2 && "service".equals(args[0]) && SERVICES.containsKey(args[1])) {
      SERVICES.get(args[1]).accept(Arrays.copyOfRange(args, 2, args.length));
      return;
    }
    System.err.println("usage: java -jar devsanctum.jar                 (standalone: every service in one JVM)");
    System.err.println("       java -jar devsanctum.jar service <name>  (one service in cluster mode; name: "
        + String.join(", ", SERVICES.keySet().stream().sorted().toList()) + ")");
    System.err.println("       java -jar devsanctum.jar check-config    (read every setting, report the first mistake)");
    System.exit(2);
  }
}
