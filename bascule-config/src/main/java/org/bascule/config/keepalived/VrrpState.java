package org.bascule.config.keepalived;

/**
 * The initial state of a vrrp_instance ({@code state MASTER|BACKUP}). keepalived takes any
 * other word, such as the {@code SLAVE} of old tutorials, as BACKUP with a warning
 * (vrrp_parser.c, vrrp_state_handler).
 */
public enum VrrpState {
    /** Start as master (keepalived still waits the master-down interval unless priority is 255). */
    MASTER,
    /** Start as backup: the default. */
    BACKUP
}
