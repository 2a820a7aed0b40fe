package org.bascule.l7.spec;

/** HAProxy's integer ACL operators: {@code eq ge gt le lt}. */
public enum IntOp {
    EQ, GE, GT, LE, LT;

    public boolean test(long sample, long value) {
        return switch (this) {
            case EQ -> sample == value;
            case GE -> sample >= value;
            case GT -> sample > value;
            case LE -> sample <= value;
            case LT -> sample < value;
        };
    }
}
