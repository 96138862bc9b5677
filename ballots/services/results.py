"""Storing a scrutin's result (from the tally or the paper count) and exporting results."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

from django.db import transaction

from ballots.models import Campaign, CandidateList, ListResult, Scrutin, ScrutinResult
from ballots.seats import allocate_seats
from ballots.selectors_voting import campaign_results
from core.audit import EventKind, record
from core.csvfiles import SafeCsvWriter

EXPORT_COLUMNS = [
    "scrutin",
    "libelle",
    "inscrits",
    "votants",
    "blancs",
    "nuls",
    "exprimes",
    "participation",
    "sigle",
    "organisation",
    "voix",
    "pourcentage",
    "sieges",
]


@dataclass(frozen=True)
class ListCount:
    list_id: int
    votes: int


@transaction.atomic
def scrutin_result_store(
    *,
    scrutin: Scrutin,
    source: str,
    registered: int,
    voters: int,
    blank: int,
    invalid: int,
    lists: list[ListCount],
    at: datetime,
    box_digest: str = "",
    rng: random.Random | None = None,
) -> ScrutinResult:
    """Write (or rewrite identically) one scrutin's result, seats allocated by ballot order.

    Every list of the ballot gets a row, with 0 votes if it had none.
    """
    candidate_lists = list(CandidateList.objects.filter(scrutin=scrutin).order_by("position"))
    votes = {lst.pk: 0 for lst in candidate_lists}
    for count in lists:
        votes[count.list_id] = count.votes
    valid = voters - blank - invalid
    allocation = allocate_seats(votes, scrutin.seats, rng=rng)
    by_pk = {lst.pk: lst for lst in candidate_lists}
    draws = [
        {
            "siege": draw.seat,
            "ex_aequo": [by_pk[pk].acronym for pk in draw.tied],
            "gagnant": by_pk[draw.winner].acronym,
        }
        for draw in allocation.draws
    ]
    result, _created = ScrutinResult.objects.update_or_create(
        scrutin=scrutin,
        defaults={
            "source": source,
            "registered": registered,
            "voters": voters,
            "blank": blank,
            "invalid": invalid,
            "valid": valid,
            "box_digest": box_digest,
            "seat_draws": draws,
            "computed_at": at,
        },
    )
    ListResult.objects.filter(result=result).delete()
    ListResult.objects.bulk_create(
        ListResult(result=result, candidate_list_id=pk, votes=votes[pk], seats=allocation.seats[pk])
        for pk in votes
    )
    return result


def results_export(*, campaign: Campaign, out: TextIO, at: datetime, actor=None) -> int:
    """Write the results CSV (one row per list, docs/interface.md); returns the number of rows."""
    writer = SafeCsvWriter(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    rows = 0
    for sheet in campaign_results(campaign):
        result = sheet.result
        for line in sheet.lines:
            writer.writerow(
                [
                    sheet.scrutin.code,
                    sheet.scrutin.label,
                    result.registered,
                    result.voters,
                    result.blank,
                    result.invalid,
                    result.valid,
                    f"{sheet.turnout:.2f}",
                    line.candidate_list.acronym,
                    line.candidate_list.organisation,
                    line.votes,
                    f"{line.percentage:.2f}",
                    line.seats,
                ]
            )
            rows += 1
    record(EventKind.RESULTS_EXPORTED, actor=actor, subject=campaign.slug, at=at, rows=rows)
    return rows
