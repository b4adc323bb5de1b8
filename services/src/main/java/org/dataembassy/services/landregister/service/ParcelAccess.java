package org.dataembassy.services.landregister.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.dataembassy.runtime.rest.ProblemException;
import org.dataembassy.runtime.security.Caller;
import org.dataembassy.runtime.security.Role;
import org.dataembassy.runtime.security.SecurityProblem;
import org.dataembassy.services.landregister.persistence.MortgageEntity;
import org.dataembassy.services.landregister.persistence.ParcelEntity;

/**
 * Who may change the land register: registering a parcel takes an operator or a notary; proposing
 * a transfer takes the session of one of its current owners (LandRegisterService: the consent of
 * every owner it affects), an operator or a notary; a mortgage, the owner of the whole parcel; a
 * discharge, the creditor. Reading a person's parcel list takes that person's session (or an
 * operator's or notary's).
 */
@ApplicationScoped
public class ParcelAccess {

  public void requireAuthenticated(Caller caller) {
    if (caller.isAnonymous()) {
      throw new ProblemException(
          SecurityProblem.UNAUTHENTICATED,
          "Log in (POST /challenges, POST /sessions) and send 'Authorization: Bearer <session token>'.");
    }
  }

  public void requireRegistrar(Caller caller) {
    requireAuthenticated(caller);
    if (!isRegistrar(caller)) {
      throw new ProblemException(SecurityProblem.FORBIDDEN, "Only a notary or an operator registers parcels.");
    }
  }

  /** Checked against the projection at the active site, inside the write's decision. */
  public void requireOwnerOrRegistrar(Caller caller, ParcelEntity parcel) {
    requireAuthenticated(caller);
    if (isRegistrar(caller) || parcel.owners.stream().anyMatch(o -> caller.is(o.personalCode))) {
      return;
    }
    throw new ProblemException(
        SecurityProblem.FORBIDDEN, "Only a current owner of the parcel, a notary or an operator may change it.");
  }

  public void requireSelfOrRegistrar(Caller caller, String personalCode) {
    requireAuthenticated(caller);
    if (!isRegistrar(caller) && !caller.is(personalCode)) {
      throw new ProblemException(SecurityProblem.FORBIDDEN, "A person's parcel list is for that person only.");
    }
  }

  /** A mortgage burdens every owner's share: the owner of the whole parcel, a notary or an operator. */
  public void requireWholeOwnerOrRegistrar(Caller caller, ParcelEntity parcel) {
    requireAuthenticated(caller);
    if (isRegistrar(caller)
        || (parcel.owners.size() == 1 && caller.is(parcel.owners.get(0).personalCode))) {
      return;
    }
    throw new ProblemException(
        SecurityProblem.FORBIDDEN, "A mortgage takes the owner of the whole parcel, or a notary acting for all its owners.");
  }

  /** A discharge releases the creditor's security: the creditor (a person with an eID), a notary or an operator. */
  public void requireCreditorOrRegistrar(Caller caller, MortgageEntity mortgage) {
    requireAuthenticated(caller);
    if (isRegistrar(caller) || (mortgage.creditorPersonalCode != null && caller.is(mortgage.creditorPersonalCode))) {
      return;
    }
    throw new ProblemException(SecurityProblem.FORBIDDEN, "Only the creditor, a notary or an operator discharges a mortgage.");
  }

  public boolean isRegistrar(Caller caller) {
    return caller.isOperator() || caller.has(Role.NOTARY);
  }
}
