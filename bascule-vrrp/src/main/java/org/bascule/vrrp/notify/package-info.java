/**
 * What a state change tells the outside world, as keepalived does: the {@code notify_master},
 * {@code notify_backup}, {@code notify_fault}, {@code notify_stop} and {@code notify} scripts,
 * and {@code smtp_alert} mails through the {@code global_defs} SMTP server.
 */
package org.bascule.vrrp.notify;
