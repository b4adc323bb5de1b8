package org.dataembassy.cli.command;

import picocli.CommandLine.Command;

/** {@code ./embassy citizen enrol|revoke}: the eID certificate register, for operators. */
@Command(
    name = "citizen",
    description = "Enrol citizens (an eID certificate for a key made here) and revoke their certificates.",
    subcommands = {CitizenEnrolCommand.class, CitizenRevokeCommand.class})
public final class CitizenCommand {}
