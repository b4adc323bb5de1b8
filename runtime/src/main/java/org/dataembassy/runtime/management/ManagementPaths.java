package org.dataembassy.runtime.management;

/**
 * Which endpoints are the operators' and auditors' — served only on the management port: the
 * operator API ({@code /operator/...}: switchover, forced promotion, data keys, site revocation,
 * rebuild) and the metrics. Site-to-site endpoints ({@code /sites/...}) and the e-services stay on
 * the service port.
 */
public final class ManagementPaths {

  private ManagementPaths() {}

  public static boolean isManagement(String path) {
    if (path == null) {
      return false;
    }
    return path.equals("/operator") || path.startsWith("/operator/") || path.equals("/q/metrics") || path.startsWith("/q/metrics/");
  }
}
