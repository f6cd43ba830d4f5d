package io.devsanctum.workspace.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.contract.workspace.ParameterType;
import io.devsanctum.common.contract.workspace.TemplateParameter;
import io.devsanctum.common.domain.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

  private static final TemplateParameter REGION = new TemplateParameter("region", "Region", "", ParameterType.STRING,
      "eu", true, false, null, null, null, List.of("eu", "us"));
  private static final TemplateParameter CORES = new TemplateParameter("cores", "Cores", "", ParameterType.NUMBER,
      null, false, true, null, 1.0, 8.0, List.of());
  private static final TemplateParameter REPO = new TemplateParameter("git-repo", "Repo", "", ParameterType.STRING,
      null, true, false, "^https://.+$", null, null, List.of());
  private static final TemplateParameter DEBUG = new TemplateParameter("debug", "Debug", "", ParameterType.BOOLEAN,
      "false", false, true, null, null, null, List.of());

  @Test
  void defaultsFillMissingValuesAndOptionalOnesMayStayUnset() {
    Map<String, String> values = ParameterValues.resolve(List.of(REGION, CORES, DEBUG), Map.of());

    assertThat(values).containsExactly(Map.entry("region", "eu"), Map.entry("debug", "false"));
  }

  @Test
  void aChangeTakesNewValuesForMutableParametersOnlyAndKeepsTheRest() {
    Map<String, String> current = Map.of("region", "eu", "cores", "2", "debug", "false");
    List<TemplateParameter> declared = List.of(REGION, CORES, DEBUG);

    assertThat(ParameterValues.change(declared, current, Map.of("cores", "4", "region", "eu")))
        .containsExactly(Map.entry("region", "eu"), Map.entry("cores", "4"), Map.entry("debug", "false"));
    assertThatThrownBy(() -> ParameterValues.change(declared, current, Map.of("region", "us")))
        .hasMessage("parameters.region: cannot change after the workspace was created");
    assertThatThrownBy(() -> ParameterValues.change(declared, current, Map.of("cores", "9")))
        .hasMessage("parameters.cores: must be at most 8");
  }

  @Test
  void aNewTemplateVersionKeepsTheValuesItStillDeclaresAndTakesDefaultsForNewOnes() {
    Map<String, String> current = Map.of("cores", "2", "gone", "x");

    Map<String, String> carried = ParameterValues.carriedOver(List.of(CORES, DEBUG), current);

    assertThat(ParameterValues.resolve(List.of(CORES, DEBUG), carried))
        .containsExactly(Map.entry("cores", "2"), Map.entry("debug", "false"));
    assertThatThrownBy(() -> ParameterValues.resolve(List.of(CORES, REPO), ParameterValues.carriedOver(List.of(CORES, REPO), current)))
        .hasMessage("parameters.git-repo: a value is required");
  }

  @Test
  void valuesReachTheContainerAsParamEnvVars() {
    Map<String, String> values = ParameterValues.resolve(List.of(REPO, CORES),
        Map.of("git-repo", "https://example.com/x.git", "cores", "4"));

    assertThat(ParameterValues.env(List.of(REPO, CORES), values))
        .containsEntry("PARAM_GIT_REPO", "https://example.com/x.git")
        .containsEntry("PARAM_CORES", "4");
  }

  @Test
  void eachRuleIsEnforcedWithTheFieldNamed() {
    assertRejected(List.of(REGION), Map.of("region", "asia"), "parameters.region: must be one of eu, us");
    assertRejected(List.of(CORES), Map.of("cores", "16"), "parameters.cores: must be at most 8");
    assertRejected(List.of(CORES), Map.of("cores", "many"), "parameters.cores: must be a number");
    assertRejected(List.of(REPO), Map.of("git-repo", "ftp://x"), "parameters.git-repo: must match ^https://.+$");
    assertRejected(List.of(REPO), Map.of(), "parameters.git-repo: a value is required");
    assertRejected(List.of(DEBUG), Map.of("debug", "yes"), "parameters.debug: must be true or false");
    assertRejected(List.of(DEBUG), Map.of("nope", "1"), "parameters.nope: the template has no such parameter");
  }

  private static void assertRejected(List<TemplateParameter> declared, Map<String, String> given, String message) {
    assertThatThrownBy(() -> ParameterValues.resolve(declared, given))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field() + ": " + e.reason()).isEqualTo(message);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }
}
