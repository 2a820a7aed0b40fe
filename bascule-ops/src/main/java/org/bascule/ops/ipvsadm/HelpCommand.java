package org.bascule.ops.ipvsadm;

/** {@code ipvsadm -h}: print the usage text and exit 0, as ipvsadm's {@code usage_exit(argv[0], 0)}. */
public record HelpCommand() implements IpvsadmCommand {}
