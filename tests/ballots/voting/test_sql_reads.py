"""The hot reads in explicit SQL (ballots/selectors_sql.py) answer as the ORM would."""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.test.utils import CaptureQueriesContext

from ballots.models import CandidateList, Participation, PublicCredential, RollEntry, Scrutin
from ballots.selectors import current_campaigns, my_scrutin, my_scrutins
from ballots.selectors_voting import ballot_scrutin, vote_state_of

pytestmark = pytest.mark.django_db


def _orm_my_scrutins(agent_id: int, *, at) -> QuerySet[Scrutin]:
    """The elector space's read as the ORM writes it."""
    voted_at = Participation.objects.filter(scrutin=OuterRef("pk"), agent_id=agent_id)
    return (
        Scrutin.objects.filter(campaign__in=current_campaigns(at=at), roll__agent_id=agent_id)
        .select_related("academie", "campaign", "campaign__seal")
        .annotate(my_voted_at=Subquery(voted_at.values("voted_at")[:1]))
        .order_by("campaign__voting_opens", "campaign__slug", "code")
    )


def _as_the_orm_reads_it(agent_id: int, code: str, *, at) -> Scrutin | None:
    """The ballot's read as the ORM writes it."""
    mine = {"scrutin": OuterRef("pk"), "agent_id": agent_id}
    found = (
        Scrutin.objects.filter(campaign__in=current_campaigns(at=at), code=code)
        .select_related("campaign", "campaign__seal")
        .annotate(
            on_roll=Exists(RollEntry.objects.filter(**mine)),
            voted_at=Subquery(Participation.objects.filter(**mine).values("voted_at")[:1]),
            credential=Subquery(
                PublicCredential.objects.filter(replaced=False, **mine).values("credential")[:1]
            ),
        )
        .filter(on_roll=True)
        .prefetch_related(Prefetch("lists", queryset=CandidateList.objects.order_by("position")))
    )
    return next(iter(found), None)


def _fields(instance) -> dict | None:
    """Every stored value of a model instance (None for no instance)."""
    if instance is None:
        return None
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _seen(scrutin: Scrutin | None):
    if scrutin is None:
        return None
    state = vote_state_of(scrutin)
    campaign = state.campaign
    lists = [(cl.position, cl.acronym) for cl in scrutin.lists.all()]
    return (_fields(scrutin), _fields(campaign), _fields(getattr(campaign, "seal", None)),
            state.on_roll, state.voted_at, state.sealed, state.manifest, state.credential,
            lists)  # fmt: skip


def test_the_ballot_read_answers_as_the_orm_before_the_seal(electors, scrutins, times):
    cases = [(u.agent_id, code) for u in electors for code in ("CTA-GRE", "CAPD-38", "INCONNU")]

    for agent_id, code in cases:
        assert _seen(ballot_scrutin(agent=agent_id, code=code, at=times.during)) == _seen(
            _as_the_orm_reads_it(agent_id, code, at=times.during)
        ), (agent_id, code)


def test_the_ballot_read_answers_as_the_orm_for_every_elector_and_scrutin(
    electors, scrutins, sealed, clock
):
    voter = electors[0].agent
    Participation.objects.create(agent=voter, scrutin=scrutins["cta"], voted_at=clock.now)
    cases = [
        (user.agent_id, code)
        for user in electors
        for code in ("CTA-GRE", "CAPD-38", "CCP-PAP", "INCONNU")
    ]

    for agent_id, code in cases:
        assert _seen(ballot_scrutin(agent=agent_id, code=code, at=clock.now)) == _seen(
            _as_the_orm_reads_it(agent_id, code, at=clock.now)
        ), (agent_id, code)

    voted = ballot_scrutin(agent=voter.pk, code="CTA-GRE", at=clock.now)
    assert voted.voted_at == clock.now and voted.voted_at.tzinfo is not None
    assert vote_state_of(voted).sealed
    assert (
        ballot_scrutin(agent=electors[5].agent_id, code="CAPD-38", at=clock.now) is None
    )  # not on its roll
    assert [cl.acronym for cl in voted.lists.all()] == ["FSU", "UNSA", "SGEN"]


def test_the_ballot_read_costs_two_queries(electors, scrutins, sealed, times):
    with CaptureQueriesContext(connection) as queries:
        ballot_scrutin(agent=electors[0].agent_id, code="CTA-GRE", at=times.during)

    assert len(queries) == 2  # the scrutin with its state, then its lists


def test_what_the_ballot_read_brings_costs_no_more_query(
    electors, scrutins, campaign, sealed, times
):
    scrutin = ballot_scrutin(agent=electors[0].agent_id, code="CTA-GRE", at=times.during)

    with CaptureQueriesContext(connection) as queries:
        seen = _seen(scrutin)
        scrutin.campaign.seal.fingerprint, scrutin.academie  # noqa: B018 (read on purpose)

    assert len(queries) == 0 and seen[1]["slug"] == campaign.slug


def test_the_elector_space_reads_answer_as_the_orm(electors, scrutins, sealed, clock):
    Participation.objects.create(agent=electors[1].agent, scrutin=scrutins["capd"],
                                 voted_at=clock.now)  # fmt: skip

    def orm_seen(agent_id):
        return [(s.pk, s.code, s.my_voted_at, _fields(s.campaign), _fields(s.academie),
                 _fields(getattr(s.campaign, "seal", None)))
                for s in _orm_my_scrutins(agent_id, at=clock.now)]  # fmt: skip

    for user in electors:
        cards = my_scrutins(agent=user.agent_id, at=clock.now, with_lists=False)
        seen = [(c.scrutin.pk, c.scrutin.code, c.voted_at, _fields(c.campaign),
                 _fields(c.scrutin.academie), _fields(getattr(c.campaign, "seal", None)))
                for c in cards]  # fmt: skip
        assert seen == orm_seen(user.agent_id)
        for code in ("CTA-GRE", "CAPD-38", "INCONNU"):
            card = my_scrutin(agent=user.agent_id, code=code, at=clock.now, with_lists=False)
            expected = [row for row in orm_seen(user.agent_id) if row[1] == code]
            assert ([(card.scrutin.pk, card.voted_at)] if card else []) == [
                (row[0], row[2]) for row in expected
            ]
    assert my_scrutin(agent=electors[1].agent_id, code="CAPD-38", at=clock.now).voted_at
