package io.devsanctum.provisioner.service;

import io.devsanctum.provisioner.model.SecurityProfile;
import java.util.List;

/** The privileges every workspace container runs with (DESIGN.md §5: hardened by default). */
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

  public static long memoryBytes(int memoryMb) {
    return memoryMb * 1024L * 1024L;
  }

  /** Docker's NanoCPUs: one CPU is 10^9. */
  public static long nanoCpus(int cpuMillis) {
    return cpuMillis * 1_000_000L;
  }
}
