/**
 * Configuration parsing shared by every grammar Bascule reads: source positions, compiler-style
 * {@link org.bascule.config.Diagnostic diagnostics} and the {@link org.bascule.config.ParseResult}
 * a parser returns. A parser never throws on bad input: it reports every problem it finds in one
 * pass and still returns the model built from what was valid.
 *
 * <p>Grammars live in sub-packages, one per configuration language
 * ({@link org.bascule.config.keepalived} for keepalived.conf).
 */
package org.bascule.config;
