package io.devsanctum.gateway.route;

import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How every list of the API is paged over HTTP: the page asked for in the contract's {@code limit}
 * and {@code cursor} parameters, and answered as the list's items under its name with
 * {@code nextCursor} (absent on the last page).
 */
final class ApiPages {

  private ApiPages() {
  }

  /** The page the request asks for (the contract has bounded both parameters). */
  static PageRequest request(RoutingContext ctx) {
    Object limit = ApiRequest.query(ctx, PageRequest.LIMIT);
    Object cursor = ApiRequest.query(ctx, PageRequest.CURSOR);
    return PageRequest.of(limit == null ? null : ((Number) limit).intValue(), cursor == null ? null : cursor.toString());
  }

  /** The answer's body: the page's items under {@code itemsName}, and where the next page starts. */
  static Map<String, Object> body(String itemsName, Page<?> page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(itemsName, page.items());
    if (page.nextCursor() != null) {
      body.put("nextCursor", page.nextCursor());
    }
    return body;
  }
}
