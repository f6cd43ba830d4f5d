package io.devsanctum.common.contract.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.devsanctum.common.bus.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a deployment's log; {@code step} is absent for the lines before and after the steps. */
public record DeploymentLogLine(
    UUID workspaceId,
    @JsonProperty("number") int deploymentNumber,
    @JsonProperty("line") int lineNumber,
    @JsonProperty("at") OffsetDateTime loggedAt,
    String level,
    @Nullable DeploymentStep step,
    String message) {
}
