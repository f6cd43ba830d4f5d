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

  @Test
  void imageReferencesFollowDockersGrammar() {
    for (String good : new String[] {"busybox", "devsanctum/workspace-minimal:latest", "registry.example.com:5000/team/dev:1.2",
        "localhost/x@sha256:" + "a".repeat(64), "ghcr.io/owner/image_name__x-y:v1.0-rc.1"}) {
      assertThatCode(() -> TemplateRules.validate(TemplateSpecMapper.INSTANCE.fromJson(valid().put("image", good))))
          .as(good).doesNotThrowAnyException();
    }
    for (String bad : new String[] {"../../etc/passwd", "/abs", "repo/UPPER", "a b", "img:", "img@sha256:xyz", "a".repeat(256),
        "image\u0000", "-dash/x", "x/../y"}) {
      assertRefused(valid().put("image", bad), "spec.image");
    }
  }

  @Test
  void theUserIsANameOrUidWithAnOptionalGroup() {
    for (String good : new String[] {"root", "0", "coder", "1000:1000", "coder:staff", "_svc"}) {
      assertThatCode(() -> TemplateRules.validate(TemplateSpecMapper.INSTANCE.fromJson(valid().put("user", good))))
          .as(good).doesNotThrowAnyException();
    }
    for (String bad : new String[] {"", "Root", "a b", "1000:", ":1000", "root;id", "x".repeat(40)}) {
      assertRefused(valid().put("user", bad), "spec.user");
    }
  }

  @Test
  void textAnywhereInASpecRefusesControlCharactersAndLengthsAreBounded() {
    assertRefused(valid().put("env", new JsonObject().put("GREETING", "hi\u0000")), "spec.env.GREETING");
    assertRefused(valid().put("command", new JsonArray().add("sleep\u0000")), "spec.command.0");
    assertRefused(valid().put("command", new JsonArray(java.util.Collections.nCopies(65, "x"))), "spec.command");
    assertRefused(valid().put("homePath", "/home/../etc"), "spec.homePath");
    assertRefused(valid().put("homePath", "/home/co der"), "spec.homePath");
    assertRefused(valid().put("parameters", new JsonArray().add(new JsonObject().put("name", "n")
        .put("displayName", "Two\nlines"))), "spec.parameters.n.displayName");
    assertThatCode(() -> TemplateRules.validate(TemplateSpecMapper.INSTANCE.fromJson(valid().put("parameters",
        new JsonArray().add(new JsonObject().put("name", "n").put("description", "Line 1\nLine 2"))))))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> TemplateRules.validate(new TemplateService.TemplateDetails("Dev\r\nSet-Cookie: x", null, null)))
        .hasMessageContaining("displayName");
  }

  @Test
  void parameterBoundsAreFiniteNumbersInOrder() {
    assertRefused(valid().put("parameters", new JsonArray().add(new JsonObject().put("name", "n").put("type", "number")
        .put("min", 5).put("max", 1))), "spec.parameters.n.min: must not be above max");
    assertRefused(valid().put("parameters", new JsonArray().add(new JsonObject().put("name", "n").put("type", "number")
        .put("min", 1e300))), "spec.parameters.0.min: between");
  }

  @Test
  void aStoredSpecThatCannotBeReadBackIsRefusedNamingTheField() {
    // what an older version stored for "min": 1e999
    JsonObject poisoned = valid().put("parameters", new JsonArray().add(new JsonObject().put("name", "n")
        .put("type", "number").put("min", "Infinity")));
    assertThatThrownBy(() -> TemplateSpecMapper.INSTANCE.fromJson(poisoned))
        .hasMessage("spec.parameters.0.min: must be a finite number");
    assertThatThrownBy(() -> TemplateSpecMapper.INSTANCE.fromJson(valid().put("cpuMillis", "many")))
        .hasMessage("spec.cpuMillis: must be a whole number");
    assertThatThrownBy(() -> TemplateSpecMapper.INSTANCE.fromJson(valid().put("apps", new JsonArray().add("web"))))
        .hasMessage("spec.apps.0: must be an object");
    assertThatThrownBy(() -> TemplateSpecMapper.INSTANCE.fromJson(valid().put("cpuMillis", 4294967297L)))
        .hasMessageContaining("spec.cpuMillis: between");
  }

  private static void assertRefused(JsonObject spec, String mentioning) {
    assertThatThrownBy(() -> TemplateRules.validate(TemplateSpecMapper.INSTANCE.fromJson(spec)))
        .hasMessageContaining(mentioning);
  }
}
