package org.dataembassy.cli.drill;

import java.util.Locale;

/** What a drill does to the federation. */
public enum DrillKind {
  /** {@code kill -9} of a site: its hard loss. */
  LOSS,
  /** A planned switchover to another site. */
  SWITCHOVER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
