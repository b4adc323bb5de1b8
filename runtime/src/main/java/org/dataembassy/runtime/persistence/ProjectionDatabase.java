package org.dataembassy.runtime.persistence;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * This site's relational database of projections. One build supports both: the default
 * persistence unit (H2, the embedded default) and the {@code postgresql} one; the site activates
 * exactly one at start ({@code embassy.database.kind}).
 */
@ApplicationScoped
public class ProjectionDatabase {

  public static final String POSTGRESQL = "postgresql";

  @Inject InjectableInstance<EntityManager> h2;

  @Inject
  @PersistenceUnit(POSTGRESQL)
  InjectableInstance<EntityManager> postgresql;

  public EntityManager em() {
    return postgresql.getHandle().getBean().isActive() ? postgresql.get() : h2.get();
  }

  /** Which database this site uses: {@code h2} or {@code postgresql}. */
  public String kind() {
    return postgresql.getHandle().getBean().isActive() ? POSTGRESQL : "h2";
  }
}
