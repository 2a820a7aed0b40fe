package org.bascule.l7.http1;

/** One header or trailer field as text, for the paths that need objects (HTTP/2 clients). */
public record Field(String name, String value) {}
