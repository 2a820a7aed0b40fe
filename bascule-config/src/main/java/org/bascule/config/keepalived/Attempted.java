package org.bascule.config.keepalived;

import java.util.Set;

/**
 * A block builder that remembers which of its keywords were written, valid or not, so that a
 * default is not reported as missing when the user wrote the keyword with a bad value (one
 * diagnostic per mistake).
 */
interface Attempted {

    /** The keywords written in the block so far. */
    Set<String> attempted();
}
