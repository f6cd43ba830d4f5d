package io.devsanctum.workspace.infrastructure.http;

import io.devsanctum.workspace.service.AppHealthProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** Probes apps with a plain HTTP GET; any answer below 500 means the app is serving. */
public class WebClientHealthProbe implements AppHealthProbe {

  private final WebClient client;

  public WebClientHealthProbe(Vertx vertx) {
    HttpClient http = vertx.httpClientBuilder()
        .with(new WebClientOptions().setConnectTimeout(1000).setIdleTimeout(5).setKeepAlive(false))
        // an app that is still starting resets connections (Docker's port proxy accepts them first);
        // the probe's request then fails and reports "not yet", so the connection's own error is no news
        .withConnectHandler(connection -> connection.exceptionHandler(resetWhileStarting -> { }))
        .build();
    this.client = WebClient.wrap(http, new WebClientOptions().setFollowRedirects(false));
  }

  @Override
  public Future<Boolean> answers(String url) {
    return client.getAbs(url).timeout(3000).send()
        .map(response -> response.statusCode() < 500)
        .otherwise(false);
  }
}
