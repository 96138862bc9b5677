"""The ballot pages: step 1, confirmation, step 2, receipt, refusals."""

import logging
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from ballots.models import BoardEvent, CandidateList, Participation

PARIS = ZoneInfo("Europe/Paris")
URL = "/electeur/scrutins/CTA-GRE/voter/"


@pytest.fixture
def voter(client, electors, sealed, clock):
    client.force_login(electors[0])
    client.code = sealed[electors[0].agent.identifier]
    return client


def nothing_written() -> bool:
    return (
        not Participation.objects.exists() and not BoardEvent.objects.filter(kind="ballot").exists()
    )


def test_the_ballot_lists_the_lists_in_ballot_order_and_the_blank_vote(voter, scrutins):
    page = voter.get(URL).content.decode()
    positions = [page.index(f"Organisation {acronym}") for acronym in ["FSU", "UNSA", "SGEN"]]
    assert positions == sorted(positions)
    assert 'value="blanc"' in page
    assert "Vote blanc" in page


def test_step_one_shows_a_confirmation_naming_the_choice_and_writes_nothing(
    voter, scrutins, choice_of
):
    response = voter.post(URL, {"choice": choice_of(scrutins["cta"], "UNSA")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "UNSA" in page and "Organisation UNSA" in page
    assert "Modifier mon choix" in page and "Valider mon vote (définitif)" in page
    assert 'name="code"' in page and "le serveur chiffre" in page
    assert nothing_written()


def test_modify_goes_back_to_the_ballot_with_the_choice_ticked(voter, scrutins, choice_of):
    value = choice_of(scrutins["cta"], "SGEN")
    page = voter.post(URL, {"choice": value, "modify": "1"}).content.decode()
    assert f'value="{value}" checked' in page
    assert nothing_written()


def test_step_two_casts_the_vote_and_shows_a_receipt_without_the_choice(voter, scrutins, choice_of):
    response = voter.post(
        URL,
        {"choice": choice_of(scrutins["cta"], "UNSA"), "code": voter.code, "confirm": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    number = BoardEvent.objects.get(kind="ballot").tracking_number
    assert " ".join(number[i : i + 4] for i in range(0, len(number), 4)) in page
    assert "CTA de Grenoble" in page and "1 décembre 2014 à 12:00:00" in page
    assert "UNSA" not in page
    assert Participation.objects.get().agent.identifier == "elec1"
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )


def test_a_choice_not_on_this_ballot_is_refused_at_both_steps(voter, scrutins, choice_of):
    other = choice_of(scrutins["capd"], "SNES")
    step1 = voter.post(URL, {"choice": other})
    step2 = voter.post(URL, {"choice": other, "code": voter.code, "confirm": "1"})
    for response in (step1, step2):
        assert response.status_code == 400
        assert "ne figure pas sur le bulletin" in response.content.decode()
    assert nothing_written()


def test_a_vote_confirmed_after_the_close_is_refused(voter, scrutins, choice_of, clock, electors):
    clock.set(datetime(2014, 12, 4, 16, 59, 59, tzinfo=PARIS))
    voter.force_login(electors[0])  # sessions expire after 30 minutes of the test clock
    assert voter.post(URL, {"choice": "blanc"}).status_code == 200
    clock.set(datetime(2014, 12, 4, 17, 0, 0, tzinfo=PARIS))
    response = voter.post(URL, {"choice": "blanc", "code": voter.code, "confirm": "1"})
    assert response.status_code == 403
    assert "Le vote est clos" in response.content.decode()
    assert nothing_written()


def test_before_the_opening_the_ballot_is_not_shown(voter, clock):
    clock.set(datetime(2014, 11, 27, 9, 59, 59, tzinfo=PARIS))
    response = voter.get(URL)
    assert response.status_code == 403
    assert "pas encore ouvert" in response.content.decode()


def test_an_elector_not_on_the_roll_gets_a_404(client, make_elector, sealed, clock, scrutins):
    client.force_login(make_elector("stranger"))
    assert client.get(URL).status_code == 404
    assert (
        client.post(
            URL, {"choice": "blanc", "code": "0000-0000-0000-0000-0", "confirm": "1"}
        ).status_code
        == 404
    )
    assert nothing_written()


def test_after_voting_the_page_says_when_and_a_second_vote_is_refused(
    voter, scrutins, choice_of, clock, electors
):
    voter.post(URL, {"choice": "blanc", "code": voter.code, "confirm": "1"})
    clock.set(datetime(2014, 12, 2, 9, 30, tzinfo=PARIS))
    voter.force_login(electors[0])
    page = voter.get(URL)
    assert page.status_code == 409
    assert "Vous avez déjà voté" in page.content.decode()
    assert "1 décembre 2014 à 12:00:00" in page.content.decode()
    again = voter.post(
        URL,
        {"choice": choice_of(scrutins["cta"], "FSU"), "code": voter.code, "confirm": "1"},
    )
    assert again.status_code == 409
    assert (
        BoardEvent.objects.filter(kind="ballot").count() == 1 and Participation.objects.count() == 1
    )


def test_a_paper_scrutin_has_no_online_ballot(voter, scrutins):
    response = voter.get("/electeur/scrutins/CCP-PAP/voter/")
    assert response.status_code == 403
    assert "se vote sur papier" in response.content.decode()
    assert nothing_written()


def test_anonymous_visitors_are_sent_to_the_login(client, sealed, clock):
    response = client.get(URL)
    assert response.status_code == 302 and "/electeur/connexion/" in response["Location"]


@pytest.fixture
def zztop(scrutins):
    """A list with a distinctive id (before the seal), so any trace of the choice is found."""
    return CandidateList.objects.create(
        scrutin=scrutins["cta"],
        position=9,
        acronym="ZZTOP",
        organisation="Organisation ZZTOP",
        pk=987654,
    )


def test_the_choice_never_reaches_logs_session_or_urls(zztop, voter, scrutins, caplog, settings):
    secrets = ["987654", "ZZTOP"]
    caplog.set_level(logging.DEBUG)
    for name in ["django", "django.db.backends", "django.request", "axes", "ballots"]:
        logging.getLogger(name).setLevel(logging.DEBUG)
    connection.force_debug_cursor = True  # SQL with its parameters goes to the debug log
    try:
        step1 = voter.post(URL, {"choice": "987654"})
        step2 = voter.post(URL, {"choice": "987654", "code": voter.code, "confirm": "1"})
    finally:
        connection.force_debug_cursor = False
    assert step1.status_code == step2.status_code == 200
    assert BoardEvent.objects.filter(kind="ballot").count() == 1
    sql_seen = [r for r in caplog.records if r.name == "django.db.backends"]
    assert any("ballots_boardevent" in r.getMessage() for r in sql_seen)  # the log was on
    other_ids = [
        str(pk) for pk in scrutins["cta"].lists.exclude(pk=987654).values_list("pk", flat=True)
    ]
    for record in caplog.records:
        line = record.getMessage()
        assert "ZZTOP" not in line
        if "987654" in line:  # only where the whole ballot is read, never the choice alone
            assert all(re.search(rf"\b{pk}\b", line) for pk in other_ids), line
    for secret in secrets:
        assert secret not in str(dict(voter.session.items()))
        assert secret not in step2.get("Location", "")
    assert "ZZTOP" not in step2.content.decode()
