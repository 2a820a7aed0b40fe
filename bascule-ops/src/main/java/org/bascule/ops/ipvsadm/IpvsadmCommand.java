package org.bascule.ops.ipvsadm;

/**
 * What an ipvsadm command line asks for. Sealed so that {@link Ipvsadm} handles every command
 * with an exhaustive switch; a new command (add-server, zero, ...) is a new record here and a new
 * {@link IpvsadmCommandSpec} row in {@link IpvsadmGrammar}.
 */
public sealed interface IpvsadmCommand permits ListCommand, HelpCommand, ServiceCommand, ServerCommand, TableCommand {}
