"""Appending to a campaign's public board: the one writer of board events.

Every append locks the board's head row, so heights never fork and each event
hashes its parent. Callers append inside their own transaction (a ballot's event
commits with its émargement and the running product, or not at all).
"""

from __future__ import annotations

from django.db import transaction

from ballots.models import Board, BoardEvent, Campaign
from ballots.protocol import canonical_json, event_hash, sha256_hex


def board_of(campaign: Campaign) -> Board:
    board, _created = Board.objects.get_or_create(campaign=campaign)
    return board


def board_append(
    *,
    campaign: Campaign,
    kind: str,
    payload: dict,
    scrutin: str = "",
    tracking_number: str = "",
    encrypted_by: str = "",
) -> BoardEvent:
    """Append one event (inside the caller's transaction); returns it with its hash."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("board_append runs inside the caller's transaction")
    board = Board.objects.select_for_update().filter(campaign=campaign).first()
    if board is None:  # the first event (the seal's setup): nothing to race with yet
        board = board_of(campaign)
    body = canonical_json(payload)
    payload_hash = sha256_hex(body)
    digest = event_hash(
        height=board.height, parent=board.head, kind=kind, payload_hash=payload_hash
    )
    event = BoardEvent.objects.create(
        campaign=campaign,
        height=board.height,
        parent=board.head,
        kind=kind,
        payload=body.decode("utf-8"),
        payload_hash=payload_hash,
        hash=digest,
        scrutin=scrutin,
        tracking_number=tracking_number,
        encrypted_by=encrypted_by,
    )
    Board.objects.filter(pk=board.pk).update(height=board.height + 1, head=digest)
    return event
