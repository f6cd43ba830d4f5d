package io.devsanctum.gateway.proxy;

import io.devsanctum.common.contract.workspace.Deployment;
import io.devsanctum.common.contract.workspace.Initiator;
import io.devsanctum.common.contract.workspace.ScheduleReason;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.gateway.middleware.SecurityHeaders;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The pages the data plane answers with instead of the workspace, in the dashboard's look: each
 * says what happened and offers one thing to do. Self-contained (styles inline, no scripts), served
 * under a policy that allows nothing else.
 */
public final class WorkspacePages {

  /** The pages need their own styles and a form that posts back to the host; nothing else. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; "
          + "frame-ancestors 'none'";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String STYLE = """
      :root{color-scheme:light dark;--bg:#f6f7f9;--surface:#fff;--border:#dde1e7;--text:#1b2129;--muted:#5d6773;\
      --primary:#4f46e5;--primary-hover:#4338ca;--danger-bg:#fdecec;--danger:#c62828}\
      @media (prefers-color-scheme:dark){:root{--bg:#0f1318;--surface:#171c23;--border:#2c343f;--text:#e6eaef;\
      --muted:#9aa5b1;--primary:#6366f1;--primary-hover:#818cf8;--danger-bg:#3a1d1d;--danger:#ef5350}}\
      *{box-sizing:border-box}body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);\
      color:var(--text);font:16px/1.5 ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}\
      main{width:min(32rem,calc(100vw - 2rem));background:var(--surface);border:1px solid var(--border);\
      border-radius:10px;padding:2rem;box-shadow:0 1px 3px rgb(16 24 40/8%)}\
      .brand{font-size:.75rem;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);margin:0 0 1rem}\
      h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:.5rem 0;color:var(--muted)}\
      .reason{background:var(--danger-bg);color:var(--danger);border-radius:6px;padding:.5rem .75rem;\
      font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.875rem;white-space:pre-wrap}\
      .action{margin-top:1.5rem}form{margin:0}\
      a.button,button{display:inline-block;border:0;border-radius:6px;padding:.5rem 1rem;background:var(--primary);\
      color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}\
      a.button:hover,button:hover{background:var(--primary-hover)}""";

  private WorkspacePages() {
  }

  /** What a page shows: its title, its message, an optional reason box, and its one action. */
  public record Page(String title, String message, String reason, String action) {
  }

  public static Page notFound(String dashboardUrl) {
    return new Page("Not found", "There is no workspace at this address, or it is not shared with you.", null,
        link(dashboardUrl, "Go to the dashboard"));
  }

  public static Page outOfScope(String reason) {
    return new Page("Not with this token", "You may open this workspace, but " + reason + ".", null, null);
  }

  public static Page signInNeeded(String handoffUrl) {
    return new Page("Sign-in needed", "This workspace is only open to signed-in users it is shared with.", null,
        link(handoffUrl, "Sign in"));
  }

  /**
   * Why the workspace is stopped, when the schedule stopped it or made it dormant (null otherwise):
   * so its owner knows it was not a crash and that its home is kept.
   */
  static String whyStopped(Deployment last, Workspace workspace) {
    String lastUsed = workspace.lastUsedAt() == null ? "" : " (last used " + utc(workspace.lastUsedAt()) + ")";
    if (workspace.dormantAt() != null) {
      return "It is dormant: nobody used it for a long time" + lastUsed + ". Its home folder is kept"
          + (workspace.deletesAt() == null ? "" : " until " + utc(workspace.deletesAt()))
          + ": wake it in the dashboard, then start it.";
    }
    if (last == null || last.initiator() != Initiator.SCHEDULE || last.scheduleReason() != ScheduleReason.INACTIVITY) {
      return null;
    }
    return "It was stopped because nobody used it for longer than its inactivity timeout" + lastUsed
        + ". Its home folder is kept: start it to go on where you left off.";
  }

  private static String utc(OffsetDateTime at) {
    return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ') + " UTC";
  }

  static Page stopped(String workspaceName, String why, Start start, String dashboardUrl) {
    return new Page("Workspace " + workspaceName + " is stopped",
        why != null ? why : "It must be started before it can be used.", null,
        start != null ? start.form("Start workspace") : link(dashboardUrl, "Open it in the dashboard"));
  }

  static Page failed(String workspaceName, String reason, Start start, String dashboardUrl) {
    return new Page("Workspace " + workspaceName + " failed",
        "Its last deployment did not finish. Its log in the dashboard says more.", reason,
        start != null ? start.form("Start it again") : link(dashboardUrl, "Open it in the dashboard"));
  }

  static Page starting(String workspaceName, String state) {
    return new Page("Workspace " + workspaceName + " is " + state.toLowerCase(),
        "This page reloads by itself when the workspace is ready.", null, null);
  }

  static Page notAnswering(String dashboardUrl) {
    return new Page("Workspace is not answering", "The workspace's app did not accept the connection. It may still "
        + "be starting, or it may have stopped. Reload in a moment, or check it in the dashboard.", null,
        link(dashboardUrl, "Open it in the dashboard"));
  }

  static Page tooSlow(String dashboardUrl, long seconds) {
    return new Page("Workspace did not answer in time", "The workspace's app accepted the request but sent no "
        + "answer within " + seconds + " s. Reload to try again, or check it in the dashboard.", null,
        link(dashboardUrl, "Open it in the dashboard"));
  }

  public static Page linkNotAccepted(String retryUrl) {
    return new Page("Sign-in link not accepted", "The link to this workspace is invalid, has expired or was "
        + "already used. Links work once, for a minute.", null, link(retryUrl, "Open the workspace again"));
  }

  /** The browser came back without the workspace's cookie again and again: it does not keep it. */
  public static Page cookieNotKept(String dashboardUrl) {
    return new Page("Your browser did not keep the workspace's sign-in",
        "DevSanctum signed you in to this workspace several times in a row, and each time the browser came back "
            + "without its cookie. Allow cookies for this site (and its workspace subdomains), then open the "
            + "workspace from the dashboard again.", null, link(dashboardUrl, "Go to the dashboard"));
  }

  static Page unavailable() {
    return new Page("Briefly unavailable", "DevSanctum cannot check your sign-in right now. Reload in a moment.",
        null, null);
  }

  static Page platformStarting() {
    return new Page("DevSanctum is starting", "Reload in a moment.", null, null);
  }

  static Page startFailed(String message, String dashboardUrl) {
    return new Page("The workspace could not be started", "Starting it was refused.", message,
        link(dashboardUrl, "Open it in the dashboard"));
  }

  /** The owner's Start button: a form posting back to the host with a token bound to their workspace session. */
  record Start(String token, String path) {

    String form(String label) {
      return "<form method=\"post\" action=\"" + WorkspaceUrls.START_PATH + "\">"
          + "<input type=\"hidden\" name=\"token\" value=\"" + escape(token) + "\">"
          + "<input type=\"hidden\" name=\"path\" value=\"" + escape(path) + "\">"
          + "<button type=\"submit\">" + escape(label) + "</button></form>";
    }
  }

  /** Sends {@code page} with {@code status}; {@code refreshSeconds} > 0 makes the browser reload it. */
  public static void send(HttpServerResponse response, int status, Page page, int refreshSeconds) {
    SecurityHeaders.apply(response.headers(), CONTENT_SECURITY_POLICY);
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, HTML)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(html(page, refreshSeconds));
  }

  public static void send(HttpServerResponse response, int status, Page page) {
    send(response, status, page, 0);
  }

  static String html(Page page, int refreshSeconds) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + (refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">" : "")
        + "<title>" + escape(page.title()) + " · DevSanctum</title><style>" + STYLE + "</style></head>"
        + "<body><main><p class=\"brand\">DevSanctum</p><h1>" + escape(page.title()) + "</h1>"
        + "<p>" + escape(page.message()) + "</p>"
        + (page.reason() == null ? "" : "<p class=\"reason\">" + escape(page.reason()) + "</p>")
        + (page.action() == null ? "" : "<div class=\"action\">" + page.action() + "</div>")
        + "</main></body></html>";
  }

  private static String link(String url, String label) {
    return "<a class=\"button\" href=\"" + escape(url) + "\">" + escape(label) + "</a>";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
