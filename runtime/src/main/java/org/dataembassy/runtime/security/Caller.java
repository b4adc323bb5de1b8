package org.dataembassy.runtime.security;

import java.util.Set;

/**
 * Who makes a request: an operator (their client certificate), a citizen (a session), or nobody.
 *
 * @param kind which of the three
 * @param personalCode the citizen's personal code, or null
 * @param roles the citizen's roles
 */
public record Caller(Kind kind, String personalCode, Set<Role> roles) {

  public enum Kind {
    OPERATOR,
    CITIZEN,
    ANONYMOUS
  }

  private static final Caller OPERATOR = new Caller(Kind.OPERATOR, null, Set.of());
  private static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null, Set.of());

  public static Caller operator() {
    return OPERATOR;
  }

  public static Caller anonymous() {
    return ANONYMOUS;
  }

  public static Caller citizen(String personalCode, Set<Role> roles) {
    return new Caller(Kind.CITIZEN, personalCode, Set.copyOf(roles));
  }

  public boolean isOperator() {
    return kind == Kind.OPERATOR;
  }

  /** True for the citizen with this personal code. */
  public boolean is(String code) {
    return kind == Kind.CITIZEN && personalCode.equals(code);
  }

  public boolean has(Role role) {
    return kind == Kind.CITIZEN && roles.contains(role);
  }

  public boolean isAnonymous() {
    return kind == Kind.ANONYMOUS;
  }

  @Override
  public String toString() {
    return "Caller[" + kind + "]"; // never the personal code
  }
}
