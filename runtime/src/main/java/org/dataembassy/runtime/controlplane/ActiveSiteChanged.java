package org.dataembassy.runtime.controlplane;

/** CDI event: the control plane made another site active, in a new epoch. */
public record ActiveSiteChanged(String activeSite, long epoch, long startSequence) {}
