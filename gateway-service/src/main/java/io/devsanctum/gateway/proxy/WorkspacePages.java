package io.devsanctum.gateway.proxy;

/** The small HTML pages the data plane answers with instead of the workspace. */
final class WorkspacePages {

  private WorkspacePages() {
  }

  static String notFound() {
    return page("Not found", "<h1>Not found</h1><p>There is no workspace at this address.</p>");
  }

  static String stopped(String workspaceName, String dashboardUrl) {
    return page("Workspace " + workspaceName + " is stopped",
        "<h1>Workspace " + escape(workspaceName) + " is stopped</h1>"
            + "<p><a href=\"" + escape(dashboardUrl) + "\">Start it from the dashboard</a>, then reload this page.</p>");
  }

  static String notAnswering(String dashboardUrl) {
    return page("Workspace is not answering",
        "<h1>Workspace is not answering</h1><p>The workspace's app did not accept the connection. It may still be "
            + "starting, or it may have stopped. Reload in a moment, or check it in the "
            + "<a href=\"" + escape(dashboardUrl) + "\">dashboard</a>.</p>");
  }

  static String linkNotAccepted(String retryUrl) {
    return page("Sign-in link not accepted",
        "<h1>Sign-in link not accepted</h1><p>The link is invalid, has expired or was already used. "
            + "<a href=\"" + escape(retryUrl) + "\">Open the workspace again</a>.</p>");
  }

  static String tooSlow(String dashboardUrl, long seconds) {
    return page("Workspace did not answer in time",
        "<h1>Workspace did not answer in time</h1><p>The workspace's app accepted the request but sent no answer "
            + "within " + seconds + " s. Reload to try again, or check it in the "
            + "<a href=\"" + escape(dashboardUrl) + "\">dashboard</a>.</p>");
  }

  static String unavailable() {
    return page("Briefly unavailable", "<h1>DevSanctum cannot check your sign-in right now</h1><p>Reload in a moment.</p>");
  }

  static String starting() {
    return page("Starting", "<h1>DevSanctum is starting</h1><p>Reload in a moment.</p>");
  }

  private static String page(String title, String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title></head><body>" + body + "</body></html>";
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
