package org.bascule.config.haproxy;

/** Which PROXY protocol header a server connection starts with ({@code send-proxy}, {@code send-proxy-v2}). */
public enum ProxyProtocol {
    NONE, V1, V2
}
