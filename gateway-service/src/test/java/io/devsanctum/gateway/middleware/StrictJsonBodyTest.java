package io.devsanctum.gateway.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictJsonBodyTest {

  @Test
  void plainJsonPasses() {
    assertThat(check("{\"name\":\"t\",\"n\":[1,2.5,-1e300,{\"a\":null}],\"ok\":true,\"s\":\"\\u00e9\\ud83d\\ude00\"}")).isNull();
  }

  @Test
  void commentsAreRefused() {
    assertThat(check("{/* x */\"name\":\"t\"}").reason()).startsWith("not valid JSON");
  }

  @Test
  void aKeyTwiceIsRefusedNamingIt() {
    StrictJsonBody.Violation violation = check("{\"spec\":{\"image\":\"a\",\"image\":\"b\"}}");
    assertThat(violation.pointer()).isEqualTo("/spec/image");
    assertThat(violation.reason()).contains("Duplicate field");
  }

  @Test
  void numbersThatOverflowToInfinityAreRefusedNamingWhere() {
    StrictJsonBody.Violation violation = check("{\"spec\":{\"parameters\":[{\"min\":1e999}]}}");
    assertThat(violation.pointer()).isEqualTo("/spec/parameters/0/min");
    assertThat(violation.reason()).contains("finite");
    assertThat(check("[-1e999]").pointer()).isEqualTo("/0");
  }

  @Test
  void malformedUtf8AByteOrderMarkAndOtherEncodingsAreRefused() {
    byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThat(StrictJsonBody.check(invalidUtf8).reason()).startsWith("not valid JSON");
    byte[] bom = ("\uFEFF{}").getBytes(StandardCharsets.UTF_8);
    assertThat(StrictJsonBody.check(bom).reason()).contains("byte-order mark");
    assertThat(StrictJsonBody.check("{}".getBytes(StandardCharsets.UTF_16LE)).reason()).contains("UTF-8");
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    assertThat(check("{\"name\":\"\\ud800\"}").pointer()).isEqualTo("/name");
    assertThat(check("{\"\\udc00\":1}").reason()).contains("surrogate");
  }

  @Test
  void moreThanOneValueAndDeepNestingAreRefused() {
    assertThat(check("{} {}").reason()).isEqualTo("more than one JSON value");
    assertThat(check("[".repeat(StrictJsonBody.MAX_DEPTH + 1) + "]".repeat(StrictJsonBody.MAX_DEPTH + 1)).reason())
        .startsWith("not valid JSON");
  }

  @Test
  void onlyJsonMediaTypesAreRead() {
    assertThat(StrictJsonBody.isJson("application/json; charset=utf-8")).isTrue();
    assertThat(StrictJsonBody.isJson("application/merge-patch+json")).isTrue();
    assertThat(StrictJsonBody.isJson("text/plain")).isFalse();
    assertThat(StrictJsonBody.isJson(null)).isFalse();
  }

  private static StrictJsonBody.Violation check(String json) {
    return StrictJsonBody.check(json.getBytes(StandardCharsets.UTF_8));
  }
}
