package io.devsanctum.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PgTextTest {

  @Test
  void aNulAClientSentIsStoredAsTheReplacementCharacterInTextAndInJson() {
    assertThat(PgText.storable("ada\0")).isEqualTo("ada\uFFFD");
    assertThat(PgText.storable((String) null)).isNull();
    JsonObject sent = new JsonObject().put("login\0", "a\0b");
    assertThat(PgText.storable(sent)).isEqualTo(new JsonObject().put("login\uFFFD", "a\uFFFDb"));
    JsonObject clean = new JsonObject().put("login", "ada");
    assertThat(PgText.storable(clean)).isSameAs(clean);
  }
}
