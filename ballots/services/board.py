"""Appending to a campaign's public board: the one writer of board events.

Every append locks the board's head row, so heights never fork and each event
hashes its parent (the statements: ballots/box_sql.py). Callers append inside their own
transaction (a ballot's event commits with its émargement and the running product, or
not at all).
"""

from __future__ import annotations

from django.db import connection, transaction

from ballots.box_sql import board_event_insert, board_head_lock
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
    with connection.cursor() as cursor:
        head = board_head_lock(cursor, campaign_id=campaign.pk)
        if head is None:  # the first event (the seal's setup): nothing to race with yet
            board_of(campaign)
            head = board_head_lock(cursor, campaign_id=campaign.pk)
        body = canonical_json(payload)
        payload_hash = sha256_hex(body)
        event = BoardEvent(
            campaign=campaign,
            height=head.height,
            parent=head.head,
            kind=kind,
            payload=body.decode("utf-8"),
            payload_hash=payload_hash,
            hash=event_hash(
                height=head.height, parent=head.head, kind=kind, payload_hash=payload_hash
            ),
            scrutin=scrutin,
            tracking_number=tracking_number,
            encrypted_by=encrypted_by,
        )
        board_event_insert(cursor, event)
    return event
