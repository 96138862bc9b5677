"""Canonical JSON and the protocol's one hash-to-scalar function.

Canonical JSON: UTF-8, keys sorted (ASCII keys only), no whitespace, non-ASCII text
written as itself, integers as JSON numbers with |n| < 2^53, no floats. Two encoders
(Python here, JavaScript in the booth) produce the same bytes for the same value.

H(tag, parts…) = SHA-512(DST ‖ tag ‖ 0x00 ‖ Σ len32be(part) ‖ part), read as a
little-endian integer and reduced modulo ℓ; DST = b"electionspro/v1/ed25519".
Every challenge hashes its whole statement and context (strong Fiat–Shamir).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from verifier.group import ELL

DST = b"electionspro/v1/ed25519"
_MAX_SAFE = 2**53


def _check(value: Any) -> None:
    """Refuse what canonical JSON cannot express identically in JavaScript."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        if abs(value) >= _MAX_SAFE:
            raise ValueError("integer too large for canonical JSON")
        return
    if isinstance(value, float):
        raise ValueError("floats are not allowed in canonical JSON")
    if isinstance(value, list | tuple):
        for item in value:
            _check(item)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not key.isascii():
                raise ValueError("canonical JSON keys are ASCII strings")
            _check(item)
        return
    raise ValueError(f"type {type(value).__name__} is not allowed in canonical JSON")


def canonical_json(value: Any) -> bytes:
    """The canonical bytes of a JSON value (sorted keys, no spaces, UTF-8)."""
    _check(value)
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """SHA-256 in lowercase hexadecimal."""
    return hashlib.sha256(data).hexdigest()


def int_part(value: int) -> bytes:
    """A small non-negative integer as a hash part: 4 bytes big-endian."""
    return value.to_bytes(4, "big")


def text_part(value: str) -> bytes:
    """A string as a hash part: its UTF-8 bytes."""
    return value.encode("utf-8")


def hash_to_scalar(tag: str, *parts: bytes) -> int:
    """H(tag, parts…) mod ℓ, each part prefixed by its length (4 bytes big-endian)."""
    digest = hashlib.sha512()
    digest.update(DST)
    digest.update(tag.encode("ascii"))
    digest.update(b"\x00")
    for part in parts:
        digest.update(len(part).to_bytes(4, "big"))
        digest.update(part)
    return int.from_bytes(digest.digest(), "little") % ELL
