package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.workspace.json.TemplateSpecMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TemplateRulesTest {

  private static JsonObject valid() {
    return new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)));
  }

  @Test
  void aMinimalSpecGetsDefaultsAndPasses() {
    assertThatCode(() -> TemplateRules.validate(TemplateSpecMapper.INSTANCE.fromJson(valid()))).doesNotThrowAnyException();
  }

  @Test
  void brokenSpecsAreRefusedNamingTheField() {
    assertRefused(valid().put("image", ""), "spec.image");
    assertRefused(valid().put("apps", new JsonArray()), "spec.apps");
    assertRefused(valid().put("memoryMb", 8), "spec.memoryMb");
    assertRefused(valid().put("homePath", "relative"), "spec.homePath");
    assertRefused(valid().put("env", new JsonObject().put("1BAD", "x")), "spec.env");
    assertRefused(valid().put("apps", new JsonArray()
        .add(new JsonObject().put("name", "a").put("port", 1).put("default", true))
        .add(new JsonObject().put("name", "b").put("port", 2).put("default", true))), "only one app");
    assertRefused(valid().put("parameters", new JsonArray().add(new JsonObject().put("name", "n")
        .put("type", "number").put("default", "x"))), "spec.parameters.n.default");
  }

  private static void assertRefused(JsonObject spec, String mentioning) {
    assertThatThrownBy(() -> TemplateRules.validate(TemplateSpecMapper.INSTANCE.fromJson(spec)))
        .hasMessageContaining(mentioning);
  }
}
