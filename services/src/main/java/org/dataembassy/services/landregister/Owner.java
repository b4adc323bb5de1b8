package org.dataembassy.services.landregister;

/** An owner of a parcel and their share, validated. */
public record Owner(PersonalCode personalCode, String name, Share share) {}
