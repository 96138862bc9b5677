"""Reads of the public board: tracking numbers, head, counts, a scrutin's events.

Everything here is public by design (the board is the published box); nothing
reads an émargement, and ballots are listed by tracking number, never by height.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db.models import Count, QuerySet

from .models import Board, BoardEvent, Campaign, Scrutin


def board_head(campaign: Campaign) -> Board | None:
    return Board.objects.filter(campaign=campaign).first()


def ballot_events(scrutin: Scrutin) -> QuerySet[BoardEvent]:
    return BoardEvent.objects.filter(
        campaign_id=scrutin.campaign_id, scrutin=scrutin.code, kind=BoardEvent.Kind.BALLOT
    )


def tracking_numbers(scrutin: Scrutin) -> QuerySet:
    """The scrutin's tracking numbers in sorted order (the only order ballots are listed in)."""
    return (
        ballot_events(scrutin).order_by("tracking_number").values_list("tracking_number", flat=True)
    )


def tracking_number_on_board(scrutin: Scrutin, number: str) -> bool:
    return ballot_events(scrutin).filter(tracking_number=number).exists()


def encryption_counts(scrutin: Scrutin) -> dict[str, int]:
    """How many of the scrutin's ballots the server encrypted, and how many the browser."""
    counts = dict(
        ballot_events(scrutin)
        .order_by()
        .values_list("encrypted_by")
        .annotate(n=Count("pk"))
        .values_list("encrypted_by", "n")
    )
    return {"server": counts.get("server", 0), "client": counts.get("client", 0)}


def _as_dicts(events: QuerySet[BoardEvent]) -> Iterator[dict]:
    rows = events.order_by("height").values_list(
        "height", "parent", "kind", "payload_hash", "hash", "payload"
    )
    for height, parent, kind, payload_hash, digest, payload in rows.iterator(chunk_size=2_000):
        yield {
            "height": height,
            "parent": parent,
            "type": kind,
            "payload_hash": payload_hash,
            "hash": digest,
            "payload": json.loads(payload),
        }


def scrutin_events(scrutin: Scrutin) -> Iterator[dict]:
    """The campaign-wide events and the scrutin's own, in height order (the download):
    header, hash and payload. Alone they do not chain (other scrutins' events are left
    out); the campaign's archive holds the whole chain."""
    return _as_dicts(
        BoardEvent.objects.filter(campaign_id=scrutin.campaign_id, scrutin__in=["", scrutin.code])
    )


def campaign_events(campaign: Campaign) -> Iterator[dict]:
    """Every event of the campaign's board in height order (the archive's board)."""
    return _as_dicts(BoardEvent.objects.filter(campaign=campaign))


def campaign_stored_events(campaign: Campaign) -> Iterator[dict]:
    """Every event of the campaign's board in height order, its payload as the bytes stored
    (its canonical JSON, unparsed): what checking the chain needs, and no more."""
    rows = (
        BoardEvent.objects.filter(campaign=campaign)
        .order_by("height")
        .values_list("height", "parent", "kind", "payload_hash", "payload")
    )
    for height, parent, kind, payload_hash, payload in rows.iterator(chunk_size=2_000):
        yield {
            "height": height,
            "parent": parent,
            "type": kind,
            "payload_hash": payload_hash,
            "payload": payload.encode("utf-8"),
        }
