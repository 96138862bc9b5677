"""The manifest of a scrutin and its fingerprint.

The manifest fixes everything a ballot depends on; its fingerprint is the SHA-256 hex
of its canonical JSON:

    {"booth": {path: sha256 hex}, "campaign", "credentials_hash", "protocol",
     "public_key", "scrutin", "seats", "slots": [label, …], "title",
     "trustees": {"commitments": [[hex, …k], …n], "k", "n",
                  "verification_keys": [hex, …n]}, "version": 1}

Slot 0 is the blank vote, then the lists in official order. The trustees'
commitments and verification keys are listed by trustee index 1..n.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from verifier import PROTOCOL
from verifier import group as G
from verifier.hashing import canonical_json, sha256_hex

VERSION = 1
_KEYS = {
    "booth",
    "campaign",
    "credentials_hash",
    "protocol",
    "public_key",
    "scrutin",
    "seats",
    "slots",
    "title",
    "trustees",
    "version",
}


class InvalidManifest(ValueError):
    """A manifest that does not follow the format."""


@dataclass(frozen=True)
class Manifest:
    """One scrutin's fixed election data (see the module docstring for the JSON)."""

    campaign: str
    scrutin: str
    title: str
    slots: tuple[str, ...]
    seats: int
    public_key: str
    n: int
    k: int
    verification_keys: tuple[str, ...]
    commitments: tuple[tuple[str, ...], ...]
    credentials_hash: str
    booth: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The manifest's JSON value (hash it with ``canonical_json``)."""
        return {
            "booth": dict(self.booth),
            "campaign": self.campaign,
            "credentials_hash": self.credentials_hash,
            "protocol": PROTOCOL,
            "public_key": self.public_key,
            "scrutin": self.scrutin,
            "seats": self.seats,
            "slots": list(self.slots),
            "title": self.title,
            "trustees": {
                "commitments": [list(row) for row in self.commitments],
                "k": self.k,
                "n": self.n,
                "verification_keys": list(self.verification_keys),
            },
            "version": VERSION,
        }

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 hex of the manifest's canonical JSON (computed once)."""
        return sha256_hex(canonical_json(self.to_json()))

    @cached_property
    def public_key_point(self) -> bytes:
        """The election key y as a validated point (validated once)."""
        return G.point_from_hex(self.public_key)

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        """Parse a manifest, checking its shape, version and points."""
        try:
            if not isinstance(data, dict) or set(data) != _KEYS:
                raise InvalidManifest("unexpected keys")
            if data["protocol"] != PROTOCOL or data["version"] != VERSION:
                raise InvalidManifest("unknown protocol or version")
            trustees = data["trustees"]
            lists = (data["slots"], trustees["verification_keys"], trustees["commitments"])
            if not all(isinstance(value, list) for value in lists) or not all(
                isinstance(row, list) for row in trustees["commitments"]
            ):
                raise InvalidManifest("slots, keys and commitments are lists")
            manifest = cls(
                campaign=_text(data["campaign"]),
                scrutin=_text(data["scrutin"]),
                title=_text(data["title"]),
                slots=tuple(_text(label) for label in data["slots"]),
                seats=_count(data["seats"]),
                public_key=_text(data["public_key"]),
                n=_count(trustees["n"]),
                k=_count(trustees["k"]),
                verification_keys=tuple(_text(x) for x in trustees["verification_keys"]),
                commitments=tuple(tuple(_text(c) for c in row) for row in trustees["commitments"]),
                credentials_hash=_text(data["credentials_hash"]),
                booth={_text(key): _text(value) for key, value in data["booth"].items()},
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise InvalidManifest(f"malformed: {error}") from error
        manifest.validate()
        return manifest

    def validate(self) -> None:
        """Shape rules: ≥ 2 slots, 1 ≤ k ≤ n, n keys and n rows of k valid points."""
        if len(self.slots) < 2 or not 1 <= self.k <= self.n:
            raise InvalidManifest("slots or trustees out of range")
        if len(self.verification_keys) != self.n or len(self.commitments) != self.n:
            raise InvalidManifest("trustee lists do not have n entries")
        try:
            self.public_key_point  # noqa: B018 - validates
            for key in self.verification_keys:
                G.point_from_hex(key)
            for row in self.commitments:
                if len(row) != self.k:
                    raise InvalidManifest("a commitment row does not have k points")
                for point in row:
                    G.point_from_hex(point)
        except G.InvalidPoint as error:
            raise InvalidManifest(f"invalid point: {error}") from error
        if len(self.credentials_hash) != 64:
            raise InvalidManifest("credentials_hash is a SHA-256 hex")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidManifest("expected a string")
    return value


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidManifest("expected a non-negative integer")
    return value
