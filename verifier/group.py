"""The Ed25519 prime-order group through libsodium (``nacl.bindings``), under four rules.

1. Every point that comes from outside is validated with ``is_valid_point``
   (canonical, on the curve, in the main subgroup, not of small order) before any
   operation: ``point_from_hex`` / ``point_from_bytes`` are the only doors.
2. Only the ``_noclamp`` multiplications are used (the clamped ones compute 8·(…)).
3. The neutral element (encoded ``01 00…00``) is handled here: libsodium refuses it
   as an input or output of the noclamp multiplications and ``is_valid_point``
   refuses it, yet it is g^0 and the empty product.
4. Received scalars are 32-byte little-endian values strictly below ℓ, in lowercase
   hexadecimal; an unreduced s + ℓ is refused (it would make proofs malleable).

Points are 32-byte ``bytes``; scalars are Python ``int`` in [0, ℓ). Secret scalar
arithmetic goes through libsodium's ``crypto_core_ed25519_scalar_*``.
"""

from __future__ import annotations

from nacl import bindings as sodium

ELL = 2**252 + 27742317777372353535851937790883648493
"""The prime order ℓ of the group."""

IDENTITY = b"\x01" + b"\x00" * 31
"""The neutral element's encoding."""

GENERATOR = sodium.crypto_scalarmult_ed25519_base_noclamp((1).to_bytes(32, "little"))
"""The standard Ed25519 base point g (``58 66 66 …``)."""

_HEX = frozenset("0123456789abcdef")


class InvalidPoint(ValueError):
    """A value that is not the canonical encoding of a main-subgroup point."""


class InvalidScalar(ValueError):
    """A value that is not a canonical scalar below ℓ."""


def _hex32(text: object, error: type[ValueError]) -> bytes:
    """64 lowercase hexadecimal characters → 32 bytes, else ``error``."""
    if not isinstance(text, str) or len(text) != 64 or not set(text) <= _HEX:
        raise error("expected 64 lowercase hexadecimal characters")
    return bytes.fromhex(text)


def point_from_bytes(value: bytes, *, allow_identity: bool = False) -> bytes:
    """Validate a point received from outside (rule 1); the identity only if allowed."""
    if len(value) != 32:
        raise InvalidPoint("a point is 32 bytes")
    if value == IDENTITY:
        if allow_identity:
            return value
        raise InvalidPoint("the neutral element is not allowed here")
    if not sodium.crypto_core_ed25519_is_valid_point(value):
        raise InvalidPoint("not a canonical point of the prime-order subgroup")
    return value


def point_from_hex(text: object, *, allow_identity: bool = False) -> bytes:
    """Parse and validate a point in lowercase hex (rule 1)."""
    return point_from_bytes(_hex32(text, InvalidPoint), allow_identity=allow_identity)


def point_hex(point: bytes) -> str:
    """A point's JSON form: 64 lowercase hexadecimal characters."""
    return point.hex()


def scalar_from_hex(text: object) -> int:
    """Parse a received scalar: 32 bytes little-endian, strictly below ℓ (rule 4)."""
    value = int.from_bytes(_hex32(text, InvalidScalar), "little")
    if value >= ELL:
        raise InvalidScalar("scalar not reduced modulo ℓ")
    return value


def scalar_bytes(value: int) -> bytes:
    """A scalar in [0, ℓ) as 32 bytes little-endian."""
    if not 0 <= value < ELL:
        raise InvalidScalar("scalar out of range")
    return value.to_bytes(32, "little")


def scalar_hex(value: int) -> str:
    """A scalar's JSON form: 32 bytes little-endian in lowercase hex."""
    return scalar_bytes(value).hex()


def base_mul(scalar: int) -> bytes:
    """g^scalar (noclamp, rule 2); g^0 is the identity (rule 3)."""
    scalar %= ELL
    if scalar == 0:
        return IDENTITY
    return sodium.crypto_scalarmult_ed25519_base_noclamp(scalar.to_bytes(32, "little"))


def mul(point: bytes, scalar: int) -> bytes:
    """point^scalar for a validated point (noclamp); identity in or out handled here."""
    scalar %= ELL
    if scalar == 0 or point == IDENTITY:
        return IDENTITY
    return sodium.crypto_scalarmult_ed25519_noclamp(scalar.to_bytes(32, "little"), point)


def add(left: bytes, right: bytes) -> bytes:
    """The group law on validated points (identity handled here)."""
    if left == IDENTITY:
        return right
    if right == IDENTITY:
        return left
    return sodium.crypto_core_ed25519_add(left, right)


def sub(left: bytes, right: bytes) -> bytes:
    """left · right⁻¹ on validated points."""
    if right == IDENTITY:
        return left
    if left == right:
        return IDENTITY
    return sodium.crypto_core_ed25519_sub(left, right)


def neg(point: bytes) -> bytes:
    """point⁻¹."""
    return sub(IDENTITY, point)


def product(points: list[bytes]) -> bytes:
    """The product of validated points; the empty product is the identity."""
    result = IDENTITY
    for point in points:
        result = add(result, point)
    return result


def random_scalar() -> int:
    """A uniformly random non-zero scalar: 64 random bytes reduced by libsodium."""
    while True:
        wide = sodium.randombytes(64)
        value = int.from_bytes(sodium.crypto_core_ed25519_scalar_reduce(wide), "little")
        if value:
            return value


def scalar_add(left: int, right: int) -> int:
    """(left + right) mod ℓ, computed by libsodium."""
    total = sodium.crypto_core_ed25519_scalar_add(scalar_bytes(left), scalar_bytes(right))
    return int.from_bytes(total, "little")


def scalar_sub(left: int, right: int) -> int:
    """(left − right) mod ℓ, computed by libsodium."""
    diff = sodium.crypto_core_ed25519_scalar_sub(scalar_bytes(left), scalar_bytes(right))
    return int.from_bytes(diff, "little")


def scalar_mul(left: int, right: int) -> int:
    """(left · right) mod ℓ, computed by libsodium."""
    prod = sodium.crypto_core_ed25519_scalar_mul(scalar_bytes(left), scalar_bytes(right))
    return int.from_bytes(prod, "little")


def scalar_invert(value: int) -> int:
    """value⁻¹ mod ℓ (value ≠ 0), computed by libsodium."""
    if value % ELL == 0:
        raise InvalidScalar("zero has no inverse")
    inverse = sodium.crypto_core_ed25519_scalar_invert(scalar_bytes(value % ELL))
    return int.from_bytes(inverse, "little")
