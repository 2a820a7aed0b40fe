/**
 * Hash primitives shared by the deterministic schedulers ({@code sh}, {@code dh}, {@code mh})
 * and, later, by application hashing in L7: SipHash-1-3/2-4 as the Linux kernel computes them,
 * and IPVS's address folding.
 */
package org.bascule.sched.hash;
