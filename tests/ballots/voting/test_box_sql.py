"""The box's writes in explicit SQL (ballots/box_sql.py) store what the ORM would store:
read back through the ORM, every row holds the values the vote gave it."""

import pytest
from django.db import IntegrityError, connection, transaction

from ballots.box_sql import (
    cast_rows_insert,
    running_product_lock,
    running_product_store,
)
from ballots.models import (
    BallotAlpha,
    BoardEvent,
    EncryptedTotal,
    Participation,
    PublicCredential,
)
from ballots.protocol import parse_ballot
from ballots.services.board import board_append
from ballots.services.voting import vote_cast

pytestmark = pytest.mark.django_db


def test_a_cast_ballot_reads_back_through_the_orm_as_it_was_accepted(
    sealed, scrutins, electors, choice_of, times, code_of
):
    cta, elector = scrutins["cta"], electors[0]
    before = EncryptedTotal.objects.get(scrutin=cta)
    receipt = vote_cast(
        code=code_of(elector), user=elector, scrutin=cta, choice=choice_of(cta, "FSU"),
        at=times.during,
    )  # fmt: skip

    assert Participation.objects.get(scrutin=cta, agent=elector.agent).voted_at == times.during
    event = BoardEvent.objects.get(kind="ballot", scrutin=cta.code)
    assert (event.hash, event.tracking_number) == (receipt.head, receipt.tracker)
    ballot = parse_ballot(event.payload.encode())
    alphas = {slot["alpha"] for slot in ballot["slots"]}
    assert set(BallotAlpha.objects.filter(scrutin=cta).values_list("alpha", flat=True)) == alphas
    after = EncryptedTotal.objects.get(scrutin=cta)
    assert after.ballots == before.ballots + 1
    assert len(after.ciphertexts) == len(before.ciphertexts) == len(ballot["slots"])
    assert after.ciphertexts != before.ciphertexts


def test_each_board_event_chains_onto_the_head_it_read(sealed, campaign):
    first = BoardEvent.objects.filter(campaign=campaign).order_by("-height").first()
    with transaction.atomic():
        event = board_append(campaign=campaign, kind="voting_extended", payload={"n": 1})
    stored = BoardEvent.objects.get(pk=event.pk)
    assert (stored.height, stored.parent, stored.hash) == (first.height + 1, first.hash, event.hash)
    assert stored.payload == '{"n":1}' and stored.campaign_id == campaign.pk
    campaign.board.refresh_from_db()
    assert (campaign.board.height, campaign.board.head) == (stored.height + 1, stored.hash)


def test_a_replaced_credential_writes_nothing_and_repeats_are_refused(
    sealed, scrutins, electors, times
):
    cta, agent_id = scrutins["cta"], electors[1].agent_id
    mine = PublicCredential.objects.get(scrutin=cta, agent_id=agent_id, replaced=False)

    def cast(cursor, credential: str, alpha: str) -> bool:
        return cast_rows_insert(
            cursor,
            scrutin_id=cta.pk,
            agent_id=agent_id,
            credential=credential,
            voted_at=times.during,
            alphas=[alpha],
        )

    with transaction.atomic(), connection.cursor() as cursor:
        assert not cast(cursor, "0" * 64, "cd" * 32)  # not the current credential
        transaction.set_rollback(True)
    assert not Participation.objects.filter(scrutin=cta, agent_id=agent_id).exists()
    with transaction.atomic(), connection.cursor() as cursor:
        assert cast(cursor, mine.credential, "ab" * 32)
        stored, ballots = running_product_lock(cursor, scrutin_id=cta.pk)
        running_product_store(cursor, scrutin_id=cta.pk, ciphertexts=stored, ballots=ballots + 7)
    assert EncryptedTotal.objects.get(scrutin=cta).ballots == ballots + 7
    assert Participation.objects.get(scrutin=cta, agent_id=agent_id).voted_at == times.during
    assert BallotAlpha.objects.filter(scrutin=cta, alpha="ab" * 32).exists()
    for alpha in ("ab" * 32, "ef" * 32):  # the same α again; a second émargement
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cast(cursor, mine.credential, alpha)
    assert not BallotAlpha.objects.filter(alpha="ef" * 32).exists()
