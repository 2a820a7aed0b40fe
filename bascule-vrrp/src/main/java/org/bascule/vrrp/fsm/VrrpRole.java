package org.bascule.vrrp.fsm;

/**
 * The states of a virtual router: RFC 5798 §6.4's Initialize, Backup and Master, plus
 * keepalived's FAULT (a tracked interface, script or file says this node must not be master)
 * and STOP (shut down). The names are the words keepalived passes to {@code notify} scripts.
 */
public enum VrrpRole {
    INIT,
    BACKUP,
    MASTER,
    FAULT,
    STOP
}
