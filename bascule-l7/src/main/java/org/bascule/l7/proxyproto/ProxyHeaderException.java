package org.bascule.l7.proxyproto;

/** A PROXY header that breaks proxy-protocol.txt; the message names the field and what was expected. */
public final class ProxyHeaderException extends RuntimeException {

    public ProxyHeaderException(String message) {
        super(message);
    }
}
