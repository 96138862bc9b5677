"""The four rules of the group, each refused when broken."""

import pytest
from nacl import bindings as sodium

from verifier import group as G

# A point of order 8 (the torsion subgroup), from libsodium's own test vectors.
T8 = bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")
SMALL_ORDER = [
    bytes.fromhex("0000000000000000000000000000000000000000000000000000000000000000"),
    bytes.fromhex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    T8,
]


@pytest.mark.parametrize("point", SMALL_ORDER)
def test_small_order_points_are_refused(point):
    with pytest.raises(G.InvalidPoint):
        G.point_from_hex(point.hex())


def test_torsion_tweaked_point_is_refused():
    alpha = G.base_mul(G.random_scalar())
    tweaked = sodium.crypto_core_ed25519_add(alpha, T8)  # libsodium's add accepts it
    assert tweaked != alpha
    G.point_from_hex(alpha.hex())
    with pytest.raises(G.InvalidPoint):
        G.point_from_hex(tweaked.hex())


def test_non_canonical_encodings_are_refused():
    point = G.base_mul(12345)
    with pytest.raises(G.InvalidPoint):
        G.point_from_hex(point.hex().upper())
    # y + p: the same point written with an unreduced coordinate (y = 1 + p → identity).
    p = 2**255 - 19
    unreduced = (1 + p).to_bytes(32, "little")
    with pytest.raises(G.InvalidPoint):
        G.point_from_hex(unreduced.hex(), allow_identity=True)
    with pytest.raises(G.InvalidPoint):
        G.point_from_hex(point.hex()[:-2])


def test_unreduced_scalar_is_refused():
    s = G.random_scalar()
    assert G.scalar_from_hex(G.scalar_hex(s)) == s
    with pytest.raises(G.InvalidScalar):
        G.scalar_from_hex((s + G.ELL).to_bytes(32, "little").hex())
    with pytest.raises(G.InvalidScalar):
        G.scalar_from_hex(G.ELL.to_bytes(32, "little").hex())


def test_noclamp_multiplication_is_exponentiation():
    assert G.mul(G.GENERATOR, 5) == G.base_mul(5) == G.product([G.GENERATOR] * 5)
    assert sodium.crypto_scalarmult_ed25519_base((5).to_bytes(32, "little")) != G.base_mul(5)


def test_identity_is_handled():
    x = G.random_scalar()
    assert G.base_mul(0) == G.IDENTITY == G.product([])
    assert G.mul(G.base_mul(x), 0) == G.IDENTITY
    assert G.mul(G.IDENTITY, x) == G.IDENTITY
    assert G.sub(G.base_mul(x), G.base_mul(x)) == G.IDENTITY
    assert G.add(G.IDENTITY, G.base_mul(x)) == G.base_mul(x)
    assert G.mul(G.base_mul(3), G.ELL - 1) == G.neg(G.base_mul(3))
    with pytest.raises(G.InvalidPoint):
        G.point_from_hex(G.IDENTITY.hex())
    assert G.point_from_hex(G.IDENTITY.hex(), allow_identity=True) == G.IDENTITY


def test_scalar_arithmetic_matches_integers():
    a, b = G.random_scalar(), G.random_scalar()
    assert G.scalar_add(a, b) == (a + b) % G.ELL
    assert G.scalar_sub(a, b) == (a - b) % G.ELL
    assert G.scalar_mul(a, b) == a * b % G.ELL
    assert G.scalar_mul(a, G.scalar_invert(a)) == 1
