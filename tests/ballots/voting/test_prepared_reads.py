"""The vote path's scrutin read with its SQL built once (electionspro/prepared.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ballots.models import Participation, Scrutin
from ballots.selectors import _my_scrutins_queryset, my_scrutin, my_scrutins
from ballots.selectors_voting import _ballot_scrutin_queryset, ballot_scrutin, vote_state_of
from electionspro.prepared import PreparedQuery

pytestmark = pytest.mark.django_db


def _as_the_orm_reads_it(agent_id: int, code: str) -> Scrutin | None:
    """The same read, built and compiled by the ORM at each call."""
    return next(iter(_ballot_scrutin_queryset(agent_id=agent_id, code=code)), None)


def _seen(scrutin: Scrutin | None):
    if scrutin is None:
        return None
    state = vote_state_of(scrutin)
    lists = [(cl.position, cl.acronym) for cl in scrutin.lists.all()]
    return (scrutin.pk, scrutin.code, state.on_roll, state.voted_at, state.sealed,
            state.public_key, state.campaign.pk, lists)  # fmt: skip


def test_the_prepared_read_answers_as_the_orm_for_every_elector_and_scrutin(
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
        assert _seen(ballot_scrutin(agent=agent_id, code=code)) == _seen(
            _as_the_orm_reads_it(agent_id, code)
        ), (agent_id, code)

    voted = ballot_scrutin(agent=voter.pk, code="CTA-GRE")
    assert voted.voted_at is not None and vote_state_of(voted).sealed
    assert ballot_scrutin(agent=electors[5].agent_id, code="CAPD-38") is None  # not on its roll
    assert [cl.acronym for cl in voted.lists.all()] == ["FSU", "UNSA", "SGEN"]


def test_the_prepared_read_costs_the_same_two_queries(electors, scrutins, sealed):
    with CaptureQueriesContext(connection) as queries:
        ballot_scrutin(agent=electors[0].agent_id, code="CTA-GRE")

    assert len(queries) == 2  # the scrutin with its state, then its lists


def test_the_queryset_is_built_once_and_cannot_be_changed(electors, scrutins):
    built = []

    def build(*, agent_id: int, code: str):
        built.append((agent_id, code))
        return Scrutin.objects.filter(roll__agent_id=agent_id, code=code)

    prepared = PreparedQuery(build, agent_id=-1234567, code="~stand-in~")
    first, second = electors[0].agent_id, electors[5].agent_id

    assert [s.code for s in prepared.queryset(agent_id=first, code="CAPD-38")] == ["CAPD-38"]
    assert list(prepared.queryset(agent_id=second, code="CAPD-38")) == []
    assert [s.code for s in prepared.queryset(agent_id=second, code="CTA-GRE")] == ["CTA-GRE"]
    assert built == [(-1234567, "~stand-in~")]
    for change in (lambda qs: qs.filter(kind="CAPD"), lambda qs: qs.count(), lambda qs: qs[:1]):
        with pytest.raises(TypeError, match="prepared"):
            change(prepared.queryset(agent_id=first, code="CTA-GRE"))


def test_a_stand_in_that_does_not_reach_the_sql_is_refused():
    prepared = PreparedQuery(
        lambda *, code: Scrutin.objects.filter(code="CTA-GRE"), code="~stand-in~"
    )

    with pytest.raises(ValueError, match="code"):
        prepared.queryset(code="CTA-GRE")


def test_the_elector_space_reads_answer_as_the_orm(electors, scrutins, sealed, clock):
    Participation.objects.create(agent=electors[1].agent, scrutin=scrutins["capd"],
                                 voted_at=clock.now)  # fmt: skip

    def orm_seen(agent_id):
        return [(s.pk, s.code, s.my_voted_at, s.campaign.pk, hasattr(s.campaign, "seal"))
                for s in _my_scrutins_queryset(agent=agent_id)]  # fmt: skip

    for user in electors:
        cards = my_scrutins(agent=user.agent_id, at=clock.now, with_lists=False)
        seen = [(c.scrutin.pk, c.scrutin.code, c.voted_at, c.campaign.pk,
                 hasattr(c.campaign, "seal")) for c in cards]  # fmt: skip
        assert seen == orm_seen(user.agent_id)
        for code in ("CTA-GRE", "CAPD-38", "INCONNU"):
            card = my_scrutin(agent=user.agent_id, code=code, at=clock.now, with_lists=False)
            expected = [row for row in orm_seen(user.agent_id) if row[1] == code]
            assert ([(card.scrutin.pk, card.voted_at)] if card else []) == [
                (row[0], row[2]) for row in expected
            ]
    assert my_scrutin(agent=electors[1].agent_id, code="CAPD-38", at=clock.now).voted_at
