"""Reads about the vote: seal state, émargements, turnout, results.

Turnout is counts only; no read here ever returns a choice. The board's reads are in
selectors_board.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from .models import (
    Campaign,
    CandidateList,
    ElectionKey,
    ListResult,
    Participation,
    PublicCredential,
    RollEntry,
    Scrutin,
    ScrutinResult,
)
from .selectors import agent_id_of, pick_scrutin
from .selectors_sql import scrutins_of_agent


def sealed_campaign_listing(*, agent_id: int, at: datetime) -> Campaign | None:
    """A sealed campaign current at `at` whose rolls list the agent (the first by opening),
    or None: such an agent's account is locked in the admin."""
    campaigns = Campaign.objects.current(at=at).filter(
        seal__isnull=False, scrutins__roll__agent_id=agent_id
    )
    return campaigns.distinct().first()


def election_key_for(campaign: Campaign) -> ElectionKey | None:
    return ElectionKey.objects.filter(campaign=campaign).prefetch_related("trustee_set").first()


def participation_for(*, agent, scrutin: Scrutin) -> Participation | None:
    """The elector's émargement in this scrutin (when they voted), if any."""
    if agent is None:
        return None
    return Participation.objects.filter(agent=agent, scrutin=scrutin).first()


def voted_at_by_scrutin(*, agent, scrutin_ids) -> dict[int, datetime]:
    """When this agent voted in each of these scrutins (for the elector space's cards)."""
    if agent is None:
        return {}
    return dict(
        Participation.objects.filter(agent=agent, scrutin_id__in=list(scrutin_ids)).values_list(
            "scrutin_id", "voted_at"
        )
    )


def ballot_lists(scrutin: Scrutin) -> list[CandidateList]:
    """The lists on the ballot, in ballot order (prefetched by ballot_scrutin: no query)."""
    return (
        list(scrutin.lists.all())
        if _lists_prefetched(scrutin)
        else list(scrutin.lists.order_by("position"))
    )


def _lists_prefetched(scrutin: Scrutin) -> bool:
    return "lists" in getattr(scrutin, "_prefetched_objects_cache", {})


@dataclass(frozen=True)
class VoteState:
    """Everything that decides whether an agent may vote in a scrutin now, read in one query:
    the campaign (its calendar), whether it is sealed, the scrutin's manifest, the roll,
    the elector's public credential and the émargement. Never anything about a choice."""

    campaign: Campaign
    on_roll: bool
    voted_at: datetime | None
    sealed: bool
    manifest: dict | None
    credential: str | None


def _with_vote_state(scrutins: QuerySet[Scrutin], *, agent_id: int | None) -> QuerySet[Scrutin]:
    return scrutins.select_related("campaign", "campaign__seal").annotate(
        on_roll=Exists(RollEntry.objects.filter(scrutin=OuterRef("pk"), agent_id=agent_id)),
        voted_at=Subquery(
            Participation.objects.filter(scrutin=OuterRef("pk"), agent_id=agent_id).values(
                "voted_at"
            )[:1]
        ),
        credential=Subquery(
            PublicCredential.objects.filter(
                scrutin=OuterRef("pk"), agent_id=agent_id, replaced=False
            ).values("credential")[:1]
        ),
    )


def vote_state_of(scrutin: Scrutin) -> VoteState:
    """The state carried by a scrutin read through ballot_scrutin or vote_state (no query)."""
    campaign = scrutin.campaign
    return VoteState(
        campaign=campaign,
        on_roll=scrutin.on_roll,
        voted_at=scrutin.voted_at,
        sealed=campaign.is_sealed,
        manifest=scrutin.manifest,
        credential=scrutin.credential,
    )


def vote_state(*, agent, scrutin: Scrutin) -> VoteState:
    """A fresh read of the vote state of `agent` (an Agent or its id) in `scrutin`: one query."""
    scrutins = Scrutin.objects.filter(pk=scrutin.pk)
    fresh = _with_vote_state(scrutins, agent_id=agent_id_of(agent)).get()
    return vote_state_of(fresh)


def ballot_scrutin(
    *, agent, code: str, at: datetime, campaign: str = "", lists: bool = True
) -> Scrutin | None:
    """The scrutin `code` of a campaign current at `at` (the one whose slug is `campaign`, if
    given) if `agent` (an Agent or its id) is on its roll, with its vote state and its lists
    in ballot order: two queries whatever the number of lists; ScrutinAmbiguous when the
    code is the agent's in several current campaigns. Read at every step of a vote, in
    explicit SQL (ballots/selectors_sql.py)."""
    if agent is None:
        return None
    found = scrutins_of_agent(agent_id=agent_id_of(agent), code=code)
    scrutin = pick_scrutin(found, at=at, campaign=campaign)
    if scrutin is None:
        return None
    scrutin.on_roll, scrutin.voted_at = True, scrutin.my_voted_at
    scrutin.credential = scrutin.my_credential
    if lists:  # a ready ballot (the booth's) is checked against the manifest alone
        prefetch_related_objects(
            [scrutin], Prefetch("lists", queryset=CandidateList.objects.order_by("position"))
        )
    return scrutin


def percent(part: int, whole: int) -> Decimal:
    """A percentage with two decimals (half up); 0 when there is nothing to divide."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class TurnoutRow:
    scrutin: Scrutin
    registered: int
    voters: int

    @property
    def rate(self) -> Decimal:
        return percent(self.voters, self.registered)


def _count_of(model, **filters):
    return Coalesce(
        Subquery(
            model.objects.filter(scrutin=OuterRef("pk"), **filters)
            .order_by()
            .values("scrutin")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_turnout(scrutins: QuerySet[Scrutin]) -> QuerySet[Scrutin]:
    """Annotate scrutins with `registered` (roll) and `voters` (émargements), in one query."""
    return scrutins.annotate(registered=_count_of(RollEntry), voters=_count_of(Participation))


def scrutins_with_turnout(campaign: Campaign) -> QuerySet[Scrutin]:
    """The campaign's scrutins annotated with `registered` and `voters` (one query)."""
    return with_turnout(
        Scrutin.objects.filter(campaign=campaign).select_related("campaign").order_by("code")
    )


def campaign_turnout(campaign: Campaign, *, internet_only: bool = True) -> list[TurnoutRow]:
    scrutins = scrutins_with_turnout(campaign)
    if internet_only:
        scrutins = scrutins.filter(mode=Scrutin.Mode.INTERNET)
    return [TurnoutRow(s, s.registered, s.voters) for s in scrutins]


def scrutin_turnout(scrutin: Scrutin) -> TurnoutRow:
    return TurnoutRow(
        scrutin,
        RollEntry.objects.filter(scrutin=scrutin).count(),
        Participation.objects.filter(scrutin=scrutin).count(),
    )


@dataclass(frozen=True)
class ListLine:
    candidate_list: CandidateList
    votes: int
    percentage: Decimal
    seats: int


@dataclass(frozen=True)
class ResultSheet:
    """Everything a results page, the procès-verbal and the export show for one scrutin."""

    scrutin: Scrutin
    result: ScrutinResult
    lines: list[ListLine]

    @property
    def turnout(self) -> Decimal:
        return percent(self.result.voters, self.result.registered)

    @property
    def seated(self) -> list[ListLine]:
        """The lines of the lists that won at least one seat, in ballot order."""
        return [line for line in self.lines if line.seats]


def _list_lines() -> Prefetch:
    return Prefetch(
        "lists",
        queryset=ListResult.objects.select_related("candidate_list").order_by(
            "candidate_list__position"
        ),
    )


def result_sheet(result: ScrutinResult) -> ResultSheet:
    """One result with its lines (prefetched by campaign_results, else one query)."""
    lines = [
        ListLine(line.candidate_list, line.votes, percent(line.votes, result.valid), line.seats)
        for line in result.lists.all()
    ]
    return ResultSheet(scrutin=result.scrutin, result=result, lines=lines)


def campaign_results(campaign: Campaign) -> list[ResultSheet]:
    """Every stored result of the campaign, by scrutin code (publication is checked by callers).

    Two queries whatever the number of scrutins and lists.
    """
    results = (
        ScrutinResult.objects.filter(scrutin__campaign=campaign)
        .select_related("scrutin", "scrutin__campaign")
        .prefetch_related(_list_lines())
        .order_by("scrutin__code")
    )
    return [result_sheet(result) for result in results]


def published_results(campaign: Campaign, *, at: datetime) -> list[ResultSheet]:
    if not campaign.results_published(at=at):
        return []
    return campaign_results(campaign)


def published_result(scrutin: Scrutin, *, at: datetime) -> ResultSheet | None:
    """The scrutin's result once the results date has come (for the scrutin pages)."""
    if not scrutin.campaign.results_published(at=at):
        return None
    result = (
        ScrutinResult.objects.filter(scrutin=scrutin)
        .select_related("scrutin")
        .prefetch_related(_list_lines())
        .first()
    )
    return result_sheet(result) if result else None


@dataclass(frozen=True)
class AcademieTurnout:
    """Voters / registered of one internet scrutin among the agents of one académie."""

    scrutin: Scrutin
    academie: str
    registered: int
    voters: int

    @property
    def rate(self) -> Decimal:
        return percent(self.voters, self.registered)


def turnout_by_academie(campaign: Campaign, *, at: datetime) -> list[AcademieTurnout]:
    """Each internet scrutin's turnout per académie of its electors, counting the votes cast
    before `at`: three queries, by scrutin code then académie code. Counts only."""
    scrutins = {
        s.pk: s
        for s in Scrutin.objects.filter(campaign=campaign, mode=Scrutin.Mode.INTERNET)
        .select_related("campaign")
        .order_by("code")
    }

    def counts(model, **filters) -> dict[tuple[int, str], int]:
        rows = (
            model.objects.filter(scrutin_id__in=scrutins, **filters)
            .values_list("scrutin_id", "agent__academie__code")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {(scrutin_id, academie): n for scrutin_id, academie, n in rows}

    registered = counts(RollEntry)
    voters = counts(Participation, voted_at__lt=at)
    return [
        AcademieTurnout(scrutins[scrutin_id], academie, n, voters.get((scrutin_id, academie), 0))
        for (scrutin_id, academie), n in sorted(
            registered.items(), key=lambda item: (scrutins[item[0][0]].code, item[0][1])
        )
    ]


@dataclass(frozen=True)
class ProcesVerbalFacts:
    """What the procès-verbal records besides the counts: the extensions with their reasons,
    the bureau's incidents, the seal's fingerprint, the board's head, the trustees whose
    partial decryptions counted this scrutin."""

    extensions: list
    incidents: list
    seal_fingerprint: str
    board_head: str
    board_height: int
    trustees: list[str]


def proces_verbal_facts(scrutin: Scrutin) -> ProcesVerbalFacts:
    from .models import Board, BoardEvent, Incident, Seal, Trustee, VotingExtension

    campaign = scrutin.campaign
    seal = Seal.objects.filter(campaign=campaign).first()
    board = Board.objects.filter(campaign=campaign).first()
    present = set()
    partials = BoardEvent.objects.filter(
        campaign=campaign, scrutin=scrutin.code, kind=BoardEvent.Kind.PARTIAL_DECRYPTION
    ).values_list("payload", flat=True)
    for payload in partials:
        present.add(json.loads(payload).get("index"))
    trustees = Trustee.objects.filter(election_key__campaign=campaign, index__in=present).order_by(
        "index"
    )
    return ProcesVerbalFacts(
        extensions=list(
            VotingExtension.objects.filter(campaign=campaign).order_by("decided_at", "pk")
        ),
        incidents=list(
            Incident.objects.filter(campaign=campaign)
            .filter(Q(scrutin=scrutin) | Q(scrutin__isnull=True))
            .order_by("occurred_at", "pk")
        ),
        seal_fingerprint=seal.fingerprint if seal else "",
        # Hook: the board's head is the box digest of the verifiable box (ballots/board).
        board_head=board.head if board else "",
        board_height=board.height if board else 0,
        trustees=[str(trustee) for trustee in trustees],
    )
