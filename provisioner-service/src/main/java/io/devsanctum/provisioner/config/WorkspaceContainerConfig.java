package io.devsanctum.provisioner.config;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.validation.ContainerUser;
import io.devsanctum.provisioner.service.HardeningPolicy;
import java.util.regex.Pattern;

/**
 * How every workspace container is run, whatever its template says.
 *
 * <ul>
 *   <li>{@code DEVSANCTUM_WORKSPACE_DEFAULT_USER}: the user of a container whose template names
 *       none and whose image has no user, or root (default {@code 1000:1000}; never root)</li>
 *   <li>{@code DEVSANCTUM_WORKSPACE_LOG_MAX_SIZE}, {@code DEVSANCTUM_WORKSPACE_LOG_MAX_FILES}: the
 *       container log (json-file) rotates at this size, keeping this many files (default 10m, 3)</li>
 *   <li>{@code DEVSANCTUM_WORKSPACE_HOME_SIZE}: the most a home volume may hold (e.g. {@code 20G});
 *       unset for no limit. Applied where the host's volume storage supports it (Docker's local
 *       driver on XFS with project quotas); elsewhere the volume is made without it and the
 *       deployment log says so</li>
 * </ul>
 */
public record WorkspaceContainerConfig(String defaultUser, String logMaxSize, int logMaxFiles, String homeSize) {

  public static final String DEFAULT_USER = "DEVSANCTUM_WORKSPACE_DEFAULT_USER";
  public static final String LOG_MAX_SIZE = "DEVSANCTUM_WORKSPACE_LOG_MAX_SIZE";
  public static final String LOG_MAX_FILES = "DEVSANCTUM_WORKSPACE_LOG_MAX_FILES";
  public static final String HOME_SIZE = "DEVSANCTUM_WORKSPACE_HOME_SIZE";
  private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{0,9}[kmgKMG]?");

  public static WorkspaceContainerConfig from(Env env) {
    String user = env.string(DEFAULT_USER, "1000:1000");
    if (!ContainerUser.isWellFormed(user) || HardeningPolicy.isRoot(user)) {
      throw new ConfigException(DEFAULT_USER + " must be a user name or uid (optionally :group) other than root, got '"
          + user + "'");
    }
    String logSize = env.string(LOG_MAX_SIZE, "10m");
    if (!SIZE.matcher(logSize).matches()) {
      throw new ConfigException(LOG_MAX_SIZE + " must be a size such as 10m, got '" + logSize + "'");
    }
    int logFiles = env.integer(LOG_MAX_FILES, 3);
    if (logFiles < 1 || logFiles > 100) {
      throw new ConfigException(LOG_MAX_FILES + " must be between 1 and 100, got " + logFiles);
    }
    String homeSize = env.optional(HOME_SIZE);
    if (homeSize != null && !SIZE.matcher(homeSize).matches()) {
      throw new ConfigException(HOME_SIZE + " must be a size such as 20G, got '" + homeSize + "'");
    }
    return new WorkspaceContainerConfig(user, logSize, logFiles, homeSize);
  }
}
