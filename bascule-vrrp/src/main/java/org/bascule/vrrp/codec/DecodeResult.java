package org.bascule.vrrp.codec;

/** What {@link VrrpCodec} made of a packet: an advert, or the reason it was dropped. */
public sealed interface DecodeResult permits Received, Rejected {
}
