package io.devsanctum.provisioner.infrastructure.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.devsanctum.provisioner.model.DockerHost;
import java.time.Duration;

/**
 * Builds the docker-java clients of a host: one whose socket timeout suits quick calls, one for the
 * calls that may legitimately wait (see {@link DockerCall}), so a host that stops answering frees the
 * worker threads of quick calls in seconds.
 */
final class DockerClients {

  /** A host that does not accept a connection this fast is treated as down. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private DockerClients() {
  }

  static DockerClient create(DockerHost host, Duration responseTimeout) {
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
        .responseTimeout(responseTimeout)
        .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
