"""The public board: an append-only, hash-chained event log per campaign.

An event is {"height", "parent", "payload", "payload_hash", "type"}; its header is the
same without "payload". payload_hash = SHA-256 hex of the payload's canonical JSON
(for a ballot, that is the ballot's bytes: the tracking number's digest);
event_hash = SHA-256 hex of the header's canonical JSON; heights count from 0 and
each parent is the previous event's hash, the first one's is 64 zeros (GENESIS).
The head is the last event's hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from verifier.hashing import canonical_json, sha256_hex

GENESIS = "0" * 64
EVENT_TYPES = (
    "setup",
    "trustees",
    "credentials",
    "ballot",
    "credential_replaced",
    "voting_extended",
    "voting_closed",
    "encrypted_tally",
    "partial_decryption",
    "result",
)
HEADER_KEYS = ("height", "parent", "payload_hash", "type")
Event = dict[str, Any]


class BrokenChain(ValueError):
    """The board's chain does not hold at ``height``."""

    def __init__(self, height: int, reason: str) -> None:
        super().__init__(f"height {height}: {reason}")
        self.height = height
        self.reason = reason


def payload_hash(payload: Any) -> str:
    """SHA-256 hex of the payload's canonical JSON."""
    return sha256_hex(canonical_json(payload))


def header_of(event: Event) -> dict[str, Any]:
    """The hashed part of an event: height, parent, payload_hash, type."""
    return {key: event[key] for key in HEADER_KEYS}


def event_hash(header: dict[str, Any]) -> str:
    """SHA-256 hex of the header's canonical JSON (payload excluded)."""
    return sha256_hex(canonical_json(header_of(header)))


def new_event(previous: Event | None, kind: str, payload: Any) -> Event:
    """The event that follows ``previous`` (None for the first one)."""
    if kind not in EVENT_TYPES:
        raise ValueError(f"unknown event type {kind!r}")
    return {
        "height": 0 if previous is None else previous["height"] + 1,
        "parent": GENESIS if previous is None else event_hash(previous),
        "payload": payload,
        "payload_hash": payload_hash(payload),
        "type": kind,
    }


class ChainChecker:
    """Feeds events in order and checks each link; ``head`` is the last event's hash."""

    def __init__(self) -> None:
        self.head = GENESIS
        self.height = -1

    def feed(self, event: Any, *, check_payload: bool = True) -> None:
        """Check the next event's shape, height, parent and (optionally) payload hash."""
        expected = self.height + 1
        if not isinstance(event, dict) or set(event) != {*HEADER_KEYS, "payload"}:
            raise BrokenChain(expected, "malformed event")
        if event["type"] not in EVENT_TYPES:
            raise BrokenChain(expected, "unknown event type")
        if event["height"] != expected:
            raise BrokenChain(expected, "height out of sequence (event removed or reordered)")
        if event["parent"] != self.head:
            raise BrokenChain(expected, "parent hash does not match the previous event")
        if check_payload and event["payload_hash"] != payload_hash(event["payload"]):
            raise BrokenChain(expected, "payload does not match its hash")
        self.head = event_hash(event)
        self.height = expected

    def resync(self, event: Any) -> None:
        """After a reported fault, continue from this event so one fault is named once."""
        try:
            self.head = event_hash(event)
            self.height = int(event["height"])
        except (KeyError, TypeError, ValueError):
            self.height += 1


def verify_chain(events: Iterable[Event]) -> str:
    """Check a whole board; returns its head hash or raises ``BrokenChain``."""
    checker = ChainChecker()
    for event in events:
        checker.feed(event)
    return checker.head


def verify_stored_chain(events: Iterable[Event]) -> str:
    """``verify_chain`` for events whose payload is given as the bytes it was stored as:
    those bytes must hash to the payload hash, so they are the payload's canonical JSON
    (a SHA-256 preimage), and nothing is parsed. Returns the head or raises ``BrokenChain``."""
    checker = ChainChecker()
    for event in events:
        body = event.get("payload") if isinstance(event, dict) else None
        if not isinstance(body, bytes) or sha256_hex(body) != event.get("payload_hash"):
            raise BrokenChain(checker.height + 1, "payload does not match its hash")
        checker.feed(event, check_payload=False)
    return checker.head
