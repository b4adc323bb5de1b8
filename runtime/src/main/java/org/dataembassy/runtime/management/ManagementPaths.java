package org.dataembassy.runtime.management;

/**
 * Which endpoints are the operators' and auditors' — served only on the management port: the
 * operator API ({@code /operator/...}: switchover, forced promotion, data keys, site revocation,
 * rebuild), the metrics and the detailed health ({@code /q/health}, {@code /q/health/started},
 * ...) — all but the readiness and liveness probes, which load balancers need. Site-to-site endpoints ({@code /sites/...}) and the e-services stay on
 * the service port.
 */
public final class ManagementPaths {

  private ManagementPaths() {}

  public static boolean isManagement(String path) {
    if (path == null) {
      return false;
    }
    return path.equals("/operator") || path.startsWith("/operator/") || path.equals("/q/metrics") || path.startsWith("/q/metrics/")
        || (isHealth(path) && !PROBES.contains(path));
  }

  /** What load balancers and process supervisors ask for stays on the service port. */
  private static final java.util.Set<String> PROBES = java.util.Set.of("/q/health/ready", "/q/health/live");

  private static boolean isHealth(String path) {
    return path.equals("/q/health") || path.startsWith("/q/health/");
  }
}
