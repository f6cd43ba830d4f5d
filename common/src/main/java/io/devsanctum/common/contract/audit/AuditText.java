package io.devsanctum.common.contract.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text an audit record holds is text the log can store. What a client gave (the login of a
 * refused sign-in, a user agent) may contain NUL, which PostgreSQL's text and jsonb cannot hold:
 * a record refused for it would be lost, and would hold back the records queued behind it. NUL
 * becomes U+FFFD, so the record still says something odd was sent.
 */
final class AuditText {

  private AuditText() {
  }

  static String storable(String text) {
    return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
  }

  static Map<String, String> storable(Map<String, String> values) {
    Map<String, String> storable = new LinkedHashMap<>();
    values.forEach((key, value) -> storable.put(storable(key), storable(value)));
    return storable;
  }
}
