/**
 * keepalived.conf, as keepalived 2.2 documents it in keepalived.conf(5): a lexer, a parser driven
 * by keyword tables, and the immutable model it produces.
 *
 * <p>The pipeline has three stages (STYLE.md rule 7):
 * <ol>
 *   <li>{@link org.bascule.config.keepalived.LinePreprocessor} and
 *       {@link org.bascule.config.keepalived.Lexer}: lines to tokens with file:line:column,
 *       conditional lines ({@code @id}), parameters ({@code $NAME}), {@code ~SEQ}/{@code ~LST},
 *       quoted strings and comments;</li>
 *   <li>{@link org.bascule.config.keepalived.StanzaReader}: tokens to a tree of
 *       {@link org.bascule.config.keepalived.Stanza}s, splicing {@code include}d files and
 *       reporting unbalanced braces;</li>
 *   <li>{@link org.bascule.config.keepalived.KeywordTable}s, one per block, turning stanzas
 *       into the records of the model ({@link org.bascule.config.keepalived.KeepalivedConfig}
 *       and below), with keepalived's defaults filled in.</li>
 * </ol>
 * Entry points: {@link org.bascule.config.keepalived.KeepalivedParser} and
 * {@link org.bascule.config.keepalived.KeepalivedSummary}.
 */
package org.bascule.config.keepalived;
