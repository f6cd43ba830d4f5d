package io.devsanctum.common.runtime;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.ClusterConfig;
import io.devsanctum.common.logging.RequestContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Vert.x instances the same way everywhere: Micrometer metrics into a Prometheus registry,
 * and, in cluster mode, a Hazelcast cluster manager that joins over TCP-IP only.
 */
public final class VertxFactory {

  private static final Logger LOG = LoggerFactory.getLogger(VertxFactory.class);

  private VertxFactory() {
  }

  /** One JVM, local event bus: standalone mode. */
  public static VertxRuntime local() {
    RequestContext.init();
    PrometheusMeterRegistry registry = newRegistry();
    Vertx vertx = Vertx.builder()
        .with(options())
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    TypedBus.install(vertx);
    return new VertxRuntime(vertx, registry);
  }

  /**
   * A member of the cluster named in {@code cluster}: cluster mode. The number of members it sees
   * is the gauge {@code devsanctum.cluster.members}, and each member that joins or leaves is logged.
   */
  public static Future<VertxRuntime> clustered(ClusterConfig cluster) {
    RequestContext.init();
    PrometheusMeterRegistry registry = newRegistry();
    VertxOptions options = options()
        .setEventBusOptions(new EventBusOptions().setHost(cluster.host()).setClusterPublicHost(cluster.host()));
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(cluster));
    return Vertx.builder()
        .with(options)
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(manager)
        .buildClustered()
        .map(vertx -> {
          TypedBus.install(vertx);
          watchMembers(manager, registry);
          return new VertxRuntime(vertx, registry);
        });
  }

  private static void watchMembers(HazelcastClusterManager manager, PrometheusMeterRegistry registry) {
    Gauge.builder("devsanctum.cluster.members", manager, m -> m.isActive() ? m.getNodes().size() : 0)
        .description("Members of the cluster this instance sees, itself included")
        .register(registry);
    Cluster members = manager.getHazelcastInstance().getCluster();
    LOG.info("cluster member {} (this one) joined: {} members", members.getLocalMember().getAddress(),
        members.getMembers().size());
    // Hazelcast takes any number of membership listeners (Vert.x's own node listener stays as it is)
    members.addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("cluster member {} joined: {} members", event.getMember().getAddress(), event.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        LOG.info("cluster member {} left: {} members", event.getMember().getAddress(), event.getMembers().size());
      }
    });
  }

  static Config hazelcastConfig(ClusterConfig cluster) {
    Config config = new Config();
    config.setClusterName(cluster.name());
    // Hazelcast's phone-home and shutdown hook do not belong in a server that manages its own lifecycle
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    // Failure detection for a LAN: a heartbeat every second and a member that sent none for 5 s is
    // dead (Hazelcast's defaults, 5 s and 60 s, suit WANs). A killed member is noticed sooner still:
    // its connections close, and after a few refused reconnects (Error-Count in the log) it is removed.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    // members started together find each other within a second instead of Hazelcast's default 5 s
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    // a member listed without a port is looked for on the 20 ports from the cluster port up,
    // so several services on one machine find each other
    config.setProperty("hazelcast.tcp.join.port.try.count", "20");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).addInterface(cluster.host());
    network.setPublicAddress(null);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(resolve(cluster.members()));
    return config;
  }

  /**
   * Member names as addresses: Hazelcast matches members by IP, so a service name (as in Docker
   * Compose) would never match the address its member advertises. A name with several addresses
   * (a scaled service) contributes all of them; a name that does not resolve yet is kept as is.
   */
  static List<String> resolve(List<String> members) {
    List<String> addresses = new ArrayList<>();
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      boolean hasPort = colon > 0 && member.indexOf(':') == colon;
      String host = hasPort ? member.substring(0, colon) : member;
      String port = hasPort ? member.substring(colon) : "";
      try {
        for (InetAddress address : InetAddress.getAllByName(host)) {
          addresses.add(address.getHostAddress() + port);
        }
      } catch (UnknownHostException notYet) {
        addresses.add(member);
      }
    }
    return addresses;
  }

  private static VertxOptions options() {
    return new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
  }

  private static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }
}
