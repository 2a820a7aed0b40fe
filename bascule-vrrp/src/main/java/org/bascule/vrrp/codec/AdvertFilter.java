package org.bascule.vrrp.codec;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks of RFC 3768 §7.1 / RFC 5798 §7.1 that depend on the receiving instance: same
 * version, same VRID, same v2 authentication, same v2 advert interval.
 *
 * @param version        the instance's {@code version}
 * @param vrid           its {@code virtual_router_id}
 * @param auth           its {@code authentication} (v2), {@link AdvertAuth.None} otherwise
 * @param advertInterval its {@code advert_int}
 */
public record AdvertFilter(VrrpVersion version, int vrid, AdvertAuth auth, Duration advertInterval) {

    public AdvertFilter {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(advertInterval, "advertInterval");
    }

    /** Empty when the instance accepts {@code advert}; the reason to drop it otherwise. */
    public Optional<DropReason> check(VrrpAdvert advert) {
        if (advert.version() != version) {
            return Optional.of(new DropReason.BadVersion(advert.version().wire(), Integer.toString(version.wire())));
        }
        if (advert.vrid() != vrid) {
            return Optional.of(new DropReason.WrongVrid(advert.vrid(), Integer.toString(vrid)));
        }
        if (version == VrrpVersion.V2) {
            if (advert.auth().type() != auth.type()) {
                return Optional.of(new DropReason.AuthTypeMismatch(advert.auth().type(), auth.type()));
            }
            // RFC 2338 §5.3.6.1: compare all 8 octets; constant time, the data is a secret.
            if (auth instanceof AdvertAuth.SimpleText && !MessageDigest.isEqual(advert.auth().data(), auth.data())) {
                return Optional.of(new DropReason.AuthFailure());
            }
            // RFC 3768 §7.1: "MUST verify that the Adver Interval in the packet is the same as
            // the locally configured for this virtual router"; keepalived drops it too.
            int mine = (int) advertInterval.toSeconds();
            int theirs = advert.advertIntervalField();
            if (mine != theirs) {
                return Optional.of(new DropReason.IntervalMismatch(theirs, mine));
            }
        }
        return Optional.empty();
    }
}
