package org.dataembassy.services.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dataembassy.runtime.forwarding.ServedLocally;

/** Logins are served at the site asked: challenges and sessions live in replicated caches. */
@ApplicationScoped
public class AuthServedLocally implements ServedLocally {

  @Override
  public List<String> pathPrefixes() {
    return List.of("/challenges", "/sessions");
  }
}
