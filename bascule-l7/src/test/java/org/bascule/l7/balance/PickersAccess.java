package org.bascule.l7.balance;

import org.bascule.l7.PickKey;
import org.bascule.l7.spec.Balance;

/** Test access to the package-private URI key of {@code balance uri}. */
public final class PickersAccess {

    private PickersAccess() {}

    public static String uriKey(PickKey k, Balance.Uri u) {
        return Pickers.uriKey(k, u);
    }
}
