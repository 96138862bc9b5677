"""The count at full board height, on a box of a few thousand real ballots (a fast path).

Filling a box with 1.3 M real ballots takes longer than a working day on 2 cores: each is
made (6 ms of CPU), verified at the cast, at the close and by each trustee (8 ms each).
What the count does per ballot is read its event and hash its stored bytes (the chain);
per scrutin it checks the partial decryptions, recovers the counts by baby-step
giant-step up to the number of ballots, and allocates the seats. So, after a real close:

1. the close's events come off the board; each real ballot event is repeated (copies
   chained on like any event, written 500 to an INSERT; their tracking-number column is
   left empty, as the board's unique tracking number would refuse a copy) up to the target height;
2. the close's events go back on, each scrutin's encrypted tally now the product of its
   ballots with their multiplicities (c^m for a ballot copied m - 1 times), so the
   counts to recover are as large as the padded box's;
3. the trustees decrypt those tallies with their shares (`partials_document`), without
   re-verifying the padded board first, which a real trustee does (hours, on copies that
   would be refused as replays anyway);
4. `campaign_count` runs as at a real count: this is the measured part.
"""

import json
import uuid
from collections import Counter
from itertools import cycle

from django.db import connection, transaction
from django.db.models import Count

from ballots.demo_box import passphrase_of
from ballots.models import Board, BoardEvent, Campaign, RollEntry, Scrutin
from ballots.protocol import (
    Manifest,
    canonical_json,
    ciphertexts_from_json,
    ciphertexts_json,
    empty_tally,
)
from ballots.services.board import board_append
from ballots.trustee_side import open_key, partials_document
from core.sql import insert
from verifier import group as G
from verifier.board import event_hash

INSERT_ROWS = 500  # rows per INSERT (11 values each: under SQLite's variable limit)


def _power(tally: list, ballot: list, times: int) -> list:
    """The running `tally` times this ballot's ciphertexts raised to `times`."""
    return [(G.add(a, G.mul(x, times)), G.add(b, G.mul(y, times)))
            for (a, b), (x, y) in zip(tally, ballot, strict=True)]  # fmt: skip


def pad_board(campaign: Campaign, ballots: int) -> dict[str, int]:
    """Repeat the closed board's ballots up to about `ballots` ballot events (see the module's
    docstring; fewer when the rolls of the scrutins voted in are smaller); returns each
    scrutin's number of ballots now on the board."""
    events = list(BoardEvent.objects.filter(campaign=campaign).order_by("height"))
    close = next(i for i, e in enumerate(events) if e.kind == BoardEvent.Kind.VOTING_CLOSED)
    real = [e for e in events[:close] if e.kind == BoardEvent.Kind.BALLOT]
    closing = events[close:]
    copies = _copies(campaign, real, ballots)
    extra = sum(copies.values())
    with transaction.atomic():
        BoardEvent.objects.filter(campaign=campaign, height__gte=events[close].height).delete()
        height, head = events[close].height, events[close].parent
        todo, left, rows = cycle(range(len(real))), dict(copies), []
        with connection.cursor() as cursor:
            for _ in range(extra):
                i = next(todo)
                while not left[i]:
                    i = next(todo)
                left[i] -= 1
                source = real[i]
                header = {"height": height, "parent": head, "payload_hash": source.payload_hash,
                          "type": BoardEvent.Kind.BALLOT}  # fmt: skip
                digest = event_hash(header)
                rows.append({"id": uuid.uuid4(), "campaign": campaign.pk, "height": height,
                             "parent": head, "kind": BoardEvent.Kind.BALLOT,
                             "payload": source.payload, "payload_hash": source.payload_hash,
                             "hash": digest, "scrutin": source.scrutin, "tracking_number": "",
                             "encrypted_by": source.encrypted_by})  # fmt: skip
                height, head = height + 1, digest
                if len(rows) == INSERT_ROWS:
                    insert(cursor, BoardEvent, rows)
                    rows = []
            if rows:
                insert(cursor, BoardEvent, rows)
        Board.objects.filter(campaign=campaign).update(height=height, head=head)
        board_append(campaign=campaign, kind=closing[0].kind, payload=_payload(closing[0]))
        totals = _padded_tallies(real, copies)
        for event in closing[1:]:
            payload = _payload(event)
            tally, count = totals.get(event.scrutin, (None, 0))
            if tally is not None:
                payload = {**payload, "tally": ciphertexts_json(tally), "ballots": count}
            board_append(campaign=campaign, kind=event.kind, payload=payload,
                         scrutin=event.scrutin)  # fmt: skip
    return {code: count for code, (_t, count) in totals.items()}


def _copies(campaign: Campaign, real: list[BoardEvent], ballots: int) -> Counter:
    """How many copies of each real ballot: each scrutin that has ballots gets a share of
    `ballots` by the size of its roll, never more ballots than electors on it."""
    by_scrutin: dict[str, list[int]] = {}
    for i, event in enumerate(real):
        by_scrutin.setdefault(event.scrutin, []).append(i)
    registered = dict(
        RollEntry.objects.filter(scrutin__campaign=campaign, scrutin__code__in=by_scrutin)
        .values_list("scrutin__code")
        .annotate(n=Count("pk"))
        .values_list("scrutin__code", "n")
    )
    total = sum(registered.values())
    copies: Counter = Counter()
    for code, indices in by_scrutin.items():
        share = min(registered[code], max(len(indices), ballots * registered[code] // total))
        extra = share - len(indices)
        for n, i in enumerate(indices):
            copies[i] = extra // len(indices) + (1 if n < extra % len(indices) else 0)
    return copies


def _payload(event: BoardEvent) -> dict:
    return json.loads(event.payload)


def _padded_tallies(real: list[BoardEvent], copies: Counter) -> dict[str, tuple[list, int]]:
    totals: dict[str, tuple[list, int]] = {}
    for i, event in enumerate(real):
        ballot = _payload(event)
        ciphertexts = ciphertexts_from_json(
            [{"alpha": slot["alpha"], "beta": slot["beta"]} for slot in ballot["slots"]]
        )
        tally, count = totals.get(event.scrutin, (empty_tally(len(ciphertexts)), 0))
        times = 1 + copies[i]
        totals[event.scrutin] = (_power(tally, ciphertexts, times), count + times)
    return totals


def partial_files(campaign: Campaign, trustees_dir, indices=(1, 2)) -> list[bytes]:
    """The trustees' partial decryption files of the board's encrypted tallies."""
    manifests = {
        s.code: Manifest.from_json(s.manifest)
        for s in Scrutin.objects.filter(campaign=campaign, mode=Scrutin.Mode.INTERNET)
    }
    tallies = {
        e.scrutin: _payload(e)["tally"]
        for e in BoardEvent.objects.filter(campaign=campaign, kind=BoardEvent.Kind.ENCRYPTED_TALLY)
    }
    head = Board.objects.get(campaign=campaign).head
    files = []
    for index in indices:
        secrets = open_key((trustees_dir / f"scrutateur-{index}.cle").read_bytes(),
                           passphrase=passphrase_of(campaign, index))  # fmt: skip
        files.append(canonical_json(partials_document(secrets, manifests=manifests,
                                                      tallies=tallies, head=head)))  # fmt: skip
    return files
