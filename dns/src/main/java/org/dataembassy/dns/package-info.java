/**
 * The authoritative DNS server every site runs for the e-service zone, answering from the control
 * plane's state, and the RFC 2136 provider that updates an external server. Not yet built: this
 * module holds its place in the federation's layout (see the DNS issue).
 */
package org.dataembassy.dns;
