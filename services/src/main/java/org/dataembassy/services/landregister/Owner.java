package org.dataembassy.services.landregister;

import org.dataembassy.runtime.identity.PersonalCode;

/** An owner of a parcel and their share, validated. */
public record Owner(PersonalCode personalCode, String name, Share share) {}
