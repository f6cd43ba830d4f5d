package io.devsanctum.common.bus;

/** Delivery headers the gateway sets on every request it sends over the event bus. */
public final class BusHeaders {

  /** The request id of the HTTP request that caused this message, for log correlation. */
  public static final String REQUEST_ID = "x-request-id";
  /** The authenticated caller, as the gateway verified it; never taken from client input. */
  public static final String USER_ID = "x-user-id";
  public static final String USER_ROLE = "x-user-role";
  public static final String USERNAME = "x-username";
  /** The scopes of the credential the caller came with (comma-separated wire names). */
  public static final String SCOPES = "x-scopes";
  /** Where the request came from ({@link RequestOrigin}): the client's real address and its user agent. */
  public static final String CLIENT_ADDRESS = "x-client-address";
  public static final String USER_AGENT = "x-user-agent";

  private BusHeaders() {
  }
}
