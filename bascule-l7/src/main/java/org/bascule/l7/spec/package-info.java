/**
 * The immutable model of an L7 configuration, in HAProxy's words: what a haproxy.cfg
 * {@code global}/{@code defaults}/{@code frontend}/{@code backend}/{@code listen} file means
 * once parsed, with {@code defaults} already folded into each section and {@code default-server}
 * into each server. Every record validates its fields on construction and names the HAProxy
 * directive each field implements, so a mapper can cite it in errors.
 *
 * <p>A {@code listen} section is a {@link org.bascule.l7.spec.FrontendSpec} and a
 * {@link org.bascule.l7.spec.BackendSpec} of the same name, the frontend's default backend
 * being that backend.
 */
package org.bascule.l7.spec;
