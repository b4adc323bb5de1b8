package org.dataembassy.services.signatures;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dataembassy.runtime.forwarding.ServedLocally;

/**
 * Every site time-stamps, answers OCSP and validates signatures itself, with the same keys: none of
 * it is a register write, and an embassy must keep signatures working on its own.
 */
@ApplicationScoped
public class SignaturesServedLocally implements ServedLocally {

  @Override
  public List<String> pathPrefixes() {
    return List.of("/tsa", "/ocsp", "/signatures");
  }
}
