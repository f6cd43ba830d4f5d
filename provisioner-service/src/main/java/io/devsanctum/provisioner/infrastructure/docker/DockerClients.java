package io.devsanctum.provisioner.infrastructure.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.devsanctum.provisioner.model.DockerHost;
import java.time.Duration;

/** Builds the one docker-java client each host gets. */
final class DockerClients {

  /** A host that does not accept a connection this fast is treated as down. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** Longer than the slowest call we make on purpose: a stop with its 10 s grace period. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(45);

  private DockerClients() {
  }

  static DockerClient create(DockerHost host) {
    boolean tls = host.tlsCertPath() != null;
    DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(host.endpoint().toString())
        .withDockerTlsVerify(tls);
    if (tls) {
      builder.withDockerCertPath(host.tlsCertPath().toString());
    }
    DefaultDockerClientConfig config = builder.build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .connectionTimeout(CONNECT_TIMEOUT)
        .responseTimeout(RESPONSE_TIMEOUT)
        .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
