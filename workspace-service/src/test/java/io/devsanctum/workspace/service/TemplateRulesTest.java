package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.workspace.TemplateLimits;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TemplateRulesTest {

  /** A spec as the gateway and the repository read one: bound from its JSON. */
  private static TemplateSpec spec(JsonObject json) {
    return ContractJson.fromJson(json, TemplateSpec.class);
  }

  private static JsonObject valid() {
    return new JsonObject().put("image", "devsanctum/workspace-minimal:latest")
        .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)));
  }

  @Test
  void aMinimalSpecGetsTheDefaultsOfTheApiDocumentAndPasses() {
    TemplateSpec minimal = spec(valid());

    assertThatCode(() -> TemplateRules.validate(minimal)).doesNotThrowAnyException();
    assertThat(minimal.cpuMillis()).isEqualTo(1000).isEqualTo(TemplateLimits.CPU_MILLIS.defaultValue());
    assertThat(minimal.memoryMb()).isEqualTo(1024);
    assertThat(minimal.homePath()).isEqualTo("/home/coder");
    assertThat(minimal.apps().get(0).healthPath()).isEqualTo("/");
    assertThat(TemplateLimits.MEMORY_MB.min()).as("the document's minimum").isEqualTo(64);
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
      assertThatCode(() -> TemplateRules.validate(spec(valid().put("image", good))))
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
      assertThatCode(() -> TemplateRules.validate(spec(valid().put("user", good))))
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
    assertThatCode(() -> TemplateRules.validate(spec(valid().put("parameters",
        new JsonArray().add(new JsonObject().put("name", "n").put("description", "Line 1\nLine 2"))))))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> TemplateRules.validateDisplay("Dev\r\nSet-Cookie: x", null, null))
        .hasMessageContaining("displayName");
  }

  @Test
  void parameterBoundsAreFiniteNumbersInOrder() {
    assertRefused(valid().put("parameters", new JsonArray().add(new JsonObject().put("name", "n").put("type", "number")
        .put("min", 5).put("max", 1))), "spec.parameters.n.min: must not be above max");
    assertRefused(valid().put("parameters", new JsonArray().add(new JsonObject().put("name", "n").put("type", "number")
        .put("min", 1e300))), "spec.parameters.n.min: must be a finite number");
  }

  @Test
  void aSpecOfTheWrongShapeCannotBeReadAtAll() {
    assertThatThrownBy(() -> spec(valid().put("cpuMillis", "many"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec(valid().put("apps", new JsonArray().add("web")))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec(valid().put("cpuMillis", 4294967297L))).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertRefused(JsonObject spec, String mentioning) {
    assertThatThrownBy(() -> TemplateRules.validate(spec(spec)))
        .hasMessageContaining(mentioning);
  }
}
