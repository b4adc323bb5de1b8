package org.dataembassy.site;

import java.util.Locale;

/**
 * Activates one of the two persistence units the site is built with. Quarkus fixes a datasource's
 * kind at build time; the site carries an H2 and a PostgreSQL unit and deactivates one at start.
 */
final class DatabaseSelection {

  private DatabaseSelection() {}

  static void apply(String kind) {
    boolean postgresql =
        switch (kind.toLowerCase(Locale.ROOT)) {
          case "h2" -> false;
          case "postgresql", "postgres" -> true;
          default ->
              throw new IllegalArgumentException(
                  "embassy.database.kind must be h2 or postgresql, not " + kind);
        };
    System.setProperty("quarkus.datasource.active", Boolean.toString(!postgresql));
    System.setProperty("quarkus.hibernate-orm.active", Boolean.toString(!postgresql));
    System.setProperty("quarkus.datasource.\"postgresql\".active", Boolean.toString(postgresql));
    System.setProperty("quarkus.hibernate-orm.\"postgresql\".active", Boolean.toString(postgresql));
  }
}
