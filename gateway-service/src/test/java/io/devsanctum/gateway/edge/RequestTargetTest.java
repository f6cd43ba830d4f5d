package io.devsanctum.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

  @Test
  void wellFormedTargetsPass() {
    assertThat(HttpEdge.wellFormedTarget("/api/v1/templates?includeArchived=true")).isTrue();
    assertThat(HttpEdge.wellFormedTarget("/a%20b/%C3%A9?q=%E2%82%AC")).isTrue();
  }

  @Test
  void malformedEscapesNonUtf8EscapesAndRawControlCharactersAreRefused() {
    assertThat(HttpEdge.wellFormedTarget("/api/v1/templates/%zz")).isFalse();
    assertThat(HttpEdge.wellFormedTarget("/a%2")).isFalse();
    assertThat(HttpEdge.wellFormedTarget("/a%")).isFalse();
    assertThat(HttpEdge.wellFormedTarget("/a%C3%28")).isFalse();
    assertThat(HttpEdge.wellFormedTarget("/a%FF")).isFalse();
    assertThat(HttpEdge.wellFormedTarget("/a\u0000b")).isFalse();
    assertThat(HttpEdge.wellFormedTarget("/a b")).isFalse();
  }
}
