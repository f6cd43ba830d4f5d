package io.devsanctum.workspace.infrastructure.http;

import io.devsanctum.workspace.service.AppHealthProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** Probes apps with a plain HTTP GET; any answer below 500 means the app is serving. */
public class WebClientHealthProbe implements AppHealthProbe {

  private final WebClient client;

  public WebClientHealthProbe(Vertx vertx) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout(1000).setIdleTimeout(5).setFollowRedirects(false).setKeepAlive(false));
  }

  @Override
  public Future<Boolean> answers(String url) {
    return client.getAbs(url).timeout(3000).send()
        .map(response -> response.statusCode() < 500)
        .otherwise(false);
  }
}
