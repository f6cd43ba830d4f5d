package io.devsanctum.provisioner.service;

import io.devsanctum.provisioner.model.SecurityProfile;
import java.util.List;
import java.util.Map;

/** The privileges every workspace container runs with (hardened by default: docs/security.md §4). */
public final class HardeningPolicy {

  /**
   * Everything is dropped, then only what an ordinary development shell needs is given back:
   * CHOWN, DAC_OVERRIDE and FOWNER let package managers and editors fix up files they own in the
   * home and image; SETUID/SETGID let su/sudo-style tools and init scripts switch to the workspace
   * user; KILL lets a shell signal processes of another uid it started (e.g. via sudo);
   * NET_BIND_SERVICE lets dev servers listen on ports below 1024. Nothing that reaches the kernel
   * or the host (SYS_ADMIN, NET_ADMIN, NET_RAW, MKNOD, SYS_PTRACE, …) is allowed, and
   * no-new-privileges stops setuid binaries from gaining more than the process had.
   */
  public static final SecurityProfile WORKSPACE = new SecurityProfile(
      false,
      List.of("ALL"),
      List.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID", "KILL", "NET_BIND_SERVICE"),
      List.of("no-new-privileges"));

  private HardeningPolicy() {
  }

  /**
   * Who a container runs as: the template's user when it names one (root only then); else the
   * image's, unless that is root or unset; else {@code defaultUser}, which is never root. Root
   * gets the same capabilities as anyone ({@link #WORKSPACE}).
   */
  public static String user(String requested, String imageUser, String defaultUser) {
    if (requested != null) {
      return requested;
    }
    if (imageUser != null && !imageUser.isBlank() && !isRoot(imageUser)) {
      return imageUser;
    }
    return defaultUser;
  }

  /** {@code root} or uid 0, with or without a group. */
  public static boolean isRoot(String user) {
    String name = user.split(":", 2)[0].trim();
    return name.equals("root") || name.matches("0+");
  }

  /** Rotation of the container's json-file log: at most {@code files} files of {@code maxSize} each. */
  public static Map<String, String> logOptions(String maxSize, int files) {
    return Map.of("max-size", maxSize, "max-file", Integer.toString(files));
  }

  public static long memoryBytes(int memoryMb) {
    return memoryMb * 1024L * 1024L;
  }

  /** Docker's NanoCPUs: one CPU is 10^9. */
  public static long nanoCpus(int cpuMillis) {
    return cpuMillis * 1_000_000L;
  }
}
