package org.dataembassy.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Who this process is and where it keeps its state. */
@ConfigMapping(prefix = "embassy.site")
public interface SiteConfig {

  /** This site's id, one of the keys of {@code embassy.federation.sites} (e.g. {@code home}). */
  @WithDefault("home")
  String id();

  /**
   * Root of the federation's data directory. This site keeps its own state under {@code
   * <data-dir>/<site-id>/}; the state CA certificate is {@code <data-dir>/ca.pem}.
   */
  @WithDefault("data")
  Path dataDir();

  /** This site's own directory: {@code <data-dir>/<site-id>}. */
  default Path siteDir() {
    return dataDir().resolve(id());
  }
}
