package org.dataembassy.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.dataembassy.runtime.config.FederationConfig;
import org.dataembassy.runtime.config.SiteConfig;
import org.dataembassy.runtime.controlplane.ControlPlane;
import org.dataembassy.runtime.controlplane.SiteRole;

/** This process's site: its id, address and current role. */
@ApplicationScoped
public class LocalSite {

  @Inject SiteConfig siteConfig;
  @Inject FederationConfig federation;
  @Inject ControlPlane controlPlane;

  public String id() {
    return siteConfig.id();
  }

  public String address() {
    return federation
        .site(id())
        .orElseThrow(() -> new IllegalStateException("site " + id() + " is not in the federation"))
        .address();
  }

  public SiteRole role() {
    return controlPlane.roleOf(id());
  }

  public boolean isActive() {
    return role() == SiteRole.ACTIVE;
  }

  /** The other sites of the federation, by priority. */
  public List<String> peers() {
    return federation.siteIds().stream().filter(s -> !s.equals(id())).toList();
  }
}
