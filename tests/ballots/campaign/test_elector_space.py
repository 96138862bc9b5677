"""/electeur/scrutins/...: my scrutins, one scrutin, its roll; who may see what and when."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ballots.models import Candidate
from ballots.selectors import my_scrutins
from ballots.selectors_dashboard import elector_dashboard

from .conftest import paris

BEFORE_ROLLS = paris(2014, 10, 14, 23, 59)
ROLLS_ONLY = paris(2014, 10, 20, 12, 0)
CANDIDACIES = paris(2014, 11, 1, 12, 0)
VOTING = paris(2014, 12, 1, 12, 0)
CLOSED = paris(2014, 12, 4, 17, 0)


@pytest.fixture
def space(directory, make_scrutin, make_list, enrol, make_user):
    """Vincent on CTA-GRE (internet) and CCP-GRE (paper); Valérie on OTHER only."""
    cta = make_scrutin("CTA-GRE", label="Comité technique académique de Grenoble")
    ccp = make_scrutin(
        "CCP-GRE",
        mode="papier",
        label="CCP de Grenoble",
        paper_instructions="Votez au rectorat, salle 12.",
    )
    other = make_scrutin("OTHER", label="Un autre scrutin")
    fsu = make_list(cta, 1, "FSU", organisation="Fédération syndicale unitaire")
    Candidate.objects.create(
        candidate_list=fsu, rank=1, surname="Martin", first_name="Claire", quality="titulaire"
    )
    make_list(cta, 2, "UNSA")
    make_list(ccp, 1, "SNASUB")
    make_list(other, 1, "SECRET-LIST")
    enrol(directory["vincent"], cta, ccp)
    enrol(directory["valerie"], other)
    enrol(directory["jf"], cta)
    return {"vincent": make_user(directory["vincent"]), "valerie": make_user(directory["valerie"])}


@pytest.fixture
def vincent(client, space):
    client.force_login(space["vincent"])
    return client


@pytest.fixture
def at(clock, vincent, space):
    """at(moment): the clock moves there and Vincent logs in again (sessions expire)."""

    def move(moment):
        clock.set(moment)
        vincent.force_login(space["vincent"])

    return move


def test_my_scrutins_lists_only_the_scrutins_whose_roll_has_me(vincent, at):
    at(CANDIDACIES)
    page = vincent.get("/electeur/scrutins/").content.decode()
    assert "Comité technique académique de Grenoble" in page
    assert "CCP de Grenoble" in page
    assert "Un autre scrutin" not in page
    assert "FSU" in page and "SECRET-LIST" not in page


def test_a_scrutin_i_am_not_on_is_not_found(vincent, at):
    at(CANDIDACIES)
    assert vincent.get("/electeur/scrutins/OTHER/").status_code == 404
    assert vincent.get("/electeur/scrutins/OTHER/liste-electorale/").status_code == 404
    assert vincent.get("/electeur/scrutins/NOPE/").status_code == 404


def test_before_its_rolls_date_a_campaign_shows_no_scrutin(vincent, at):
    at(BEFORE_ROLLS)
    assert "Comité technique" not in vincent.get("/electeur/scrutins/").content.decode()
    assert vincent.get("/electeur/scrutins/CTA-GRE/").status_code == 404
    assert vincent.get("/electeur/scrutins/CTA-GRE/liste-electorale/").status_code == 404


def test_before_the_candidacies_the_page_says_when_lists_will_come(vincent, at):
    at(paris(2014, 10, 15))
    page = vincent.get("/electeur/scrutins/CTA-GRE/").content.decode()
    assert "Liste électorale consultable à partir du 15 octobre 2014" in page
    assert "publiées à partir du 28 octobre 2014" in page
    assert "FSU" not in page and "Martin" not in page


def test_the_roll_is_shown_from_its_date(vincent, at):
    at(paris(2014, 10, 15))
    response = vincent.get("/electeur/scrutins/CTA-GRE/liste-electorale/")
    assert response.status_code == 200
    assert "Le Gall" in response.content.decode()


def test_the_roll_can_be_searched_by_name(vincent, at):
    at(ROLLS_ONLY)
    page = vincent.get("/electeur/scrutins/CTA-GRE/liste-electorale/", {"q": "gall"}).content
    assert b"Le Gall" in page
    assert b"Lyc\xc3\xa9e Champollion" not in page
    assert b"<td>Dupont</td>" not in page


def test_the_roll_is_paginated(vincent, at, make_agent, enrol, space):
    from ballots.models import Scrutin

    cta = Scrutin.objects.get(code="CTA-GRE")
    for number in range(60):
        enrol(
            make_agent(
                f"08E00{number:05d}ABC", f"Zed{number:02d}", "Agent", identifier=f"zed{number}"
            ),
            cta,
        )
    at(ROLLS_ONLY)
    first = vincent.get("/electeur/scrutins/CTA-GRE/liste-electorale/").content.decode()
    second = vincent.get("/electeur/scrutins/CTA-GRE/liste-electorale/", {"page": 2}).content
    assert "62 électeurs" in first and "page 1 sur 2" in first
    assert b"Zed59" in second and b"Zed59" not in first.encode()


def test_lists_logos_and_candidates_appear_once_candidacies_are_published(vincent, at):
    at(CANDIDACIES)
    page = vincent.get("/electeur/scrutins/CTA-GRE/").content.decode()
    assert "1. FSU" in page and "Fédération syndicale unitaire" in page
    assert "Claire Martin" in page
    assert "Candidature présentée sous le seul sigle" in page  # UNSA has no candidate


def test_the_vote_entry_point_appears_only_while_voting_is_open(vincent, at):
    at(paris(2014, 11, 27, 9, 59, 59))
    assert (
        "/electeur/scrutins/CTA-GRE/voter/"
        not in vincent.get("/electeur/scrutins/").content.decode()
    )
    at(VOTING)
    page = vincent.get("/electeur/scrutins/").content.decode()
    assert "/electeur/scrutins/CTA-GRE/voter/" in page
    assert "Vote par internet du 27 novembre 2014 à 10:00 au 4 décembre 2014 à 17:00" in page
    at(CLOSED)
    page = vincent.get("/electeur/scrutins/CTA-GRE/").content.decode()
    assert "/voter/" not in page
    assert "Le vote est clos depuis" in page


def test_a_paper_scrutin_says_how_to_vote_on_paper_and_never_offers_an_online_ballot(vincent, at):
    at(VOTING)
    page = vincent.get("/electeur/scrutins/CCP-GRE/").content.decode()
    assert "Ce scrutin a lieu sur papier" in page
    assert "Votez au rectorat, salle 12." in page
    assert "/voter/" not in page


def test_the_elector_space_requires_login(client, space):
    response = client.get("/electeur/scrutins/")
    assert response.status_code == 302
    assert "/electeur/connexion/" in response["Location"]


def test_an_admin_without_agent_gets_a_clear_page(client, space, make_user):
    client.force_login(make_user(None, is_staff=True))
    response = client.get("/electeur/scrutins/")
    assert response.status_code == 403
    assert "aucun agent" in response.content.decode()


def test_an_unconfirmed_account_gets_a_clear_page(client, directory, make_user):
    client.force_login(make_user(directory["jf"], confirmed_at=None))
    response = client.get("/electeur/scrutins/")
    assert response.status_code == 403
    assert "pas encore confirmée" in response.content.decode()


def test_the_dashboard_counts_my_scrutins_and_says_what_is_open_now(space):
    dashboard = elector_dashboard(user=space["vincent"], at=VOTING)
    assert dashboard.scrutin_count == 2
    now_open = dict(dashboard.campaigns[0].now_open)
    # The vote leads to the ballot of my internet scrutin (the paper one is not offered).
    assert now_open["Vote par internet"].startswith("/electeur/scrutins/CTA-GRE/voter/")
    assert [card.scrutin.code for card in dashboard.campaigns[0].to_vote] == ["CTA-GRE"]
    assert "Demandes de mise à jour du profil" not in now_open
    early = elector_dashboard(user=space["vincent"], at=ROLLS_ONLY)
    assert early.campaigns[0].now_open == [
        ("Demandes de mise à jour du profil", "/electeur/profil/mise-a-jour/"),
        ("Consultation des listes électorales", "/electeur/scrutins/"),
    ]
    assert early.campaigns[0].to_vote == []


def test_the_home_offers_a_voter_button_per_scrutin_still_to_vote_in(vincent, at):
    at(VOTING)
    page = vincent.get("/electeur/").content.decode()

    assert "Vous pouvez voter maintenant" in page
    assert 'href="/electeur/scrutins/CTA-GRE/voter/?campagne=' in page
    assert 'class="fr-btn fr-btn--lg" href="/electeur/isoloir/"' in page  # all at once
    assert "Voter : Comité technique académique de Grenoble" in page
    assert "Voter : CCP de Grenoble" not in page
    # The paper notice de vote is explained where the elector lands.
    assert "Ma notice de vote" in page and "contre signature" in page


def _count_queries(agent) -> int:
    with CaptureQueriesContext(connection) as queries:
        cards = my_scrutins(agent=agent, at=CANDIDACIES)
        for card in cards:
            [item.acronym for item in card.lists]
    return len(queries)


def test_my_scrutins_runs_the_same_number_of_queries_for_2_or_20_scrutins(
    directory, make_scrutin, make_list, enrol, campaign
):
    agent = directory["vincent"]
    for number in range(2):
        scrutin = make_scrutin(f"S{number}")
        make_list(scrutin, 1, "A")
        enrol(agent, scrutin)
    small = _count_queries(agent)
    for number in range(2, 20):
        scrutin = make_scrutin(f"S{number}")
        for position in range(1, 6):
            make_list(scrutin, position, f"L{position}")
        enrol(agent, scrutin)
    assert len(my_scrutins(agent=agent, at=CANDIDACIES)) == 20
    assert _count_queries(agent) == small <= 3


def test_the_my_scrutins_page_query_count_does_not_grow(
    vincent, at, directory, make_scrutin, make_list, enrol
):
    at(CANDIDACIES)
    vincent.get("/electeur/scrutins/")
    with CaptureQueriesContext(connection) as before:
        vincent.get("/electeur/scrutins/")
    for number in range(10):
        scrutin = make_scrutin(f"EXTRA{number}")
        make_list(scrutin, 1, "A")
        make_list(scrutin, 2, "B")
        enrol(directory["vincent"], scrutin)
    with CaptureQueriesContext(connection) as after:
        page = vincent.get("/electeur/scrutins/")
    assert page.content.decode().count("fr-card__title") == 12
    assert len(after) == len(before)


def test_after_voting_the_page_says_when_and_offers_no_second_vote(vincent, at, directory):
    from ballots.models import Participation, Scrutin

    Participation.objects.create(
        agent=directory["vincent"],
        voted_at=paris(2014, 11, 28, 9, 30),
        scrutin=Scrutin.objects.get(code="CTA-GRE"),
    )
    at(VOTING)
    page = vincent.get("/electeur/scrutins/CTA-GRE/").content.decode()
    assert "Vous avez voté le 28 novembre 2014 à 09:30" in page
    assert "/voter/" not in page


def test_my_scrutins_query_count_stays_flat_during_the_vote(
    directory, make_scrutin, make_list, enrol, campaign
):
    agent = directory["vincent"]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            for card in my_scrutins(agent=agent, at=VOTING):
                [item.acronym for item in card.lists]
        return len(queries)

    enrol(agent, make_scrutin("FIRST"))
    small = count()
    for number in range(15):
        scrutin = make_scrutin(f"S{number}")
        make_list(scrutin, 1, "A")
        enrol(agent, scrutin)
    assert count() == small <= 4


def _store_result(scrutin, votes: dict[str, int]) -> None:
    from ballots.services.results import ListCount, scrutin_result_store

    lists = {item.acronym: item.pk for item in scrutin.lists.all()}
    scrutin_result_store(
        scrutin=scrutin,
        source="papier",
        registered=100,
        voters=sum(votes.values()),
        blank=0,
        invalid=0,
        lists=[ListCount(list_id=lists[name], votes=count) for name, count in votes.items()],
        at=paris(2014, 12, 4, 18, 0),
    )


def test_the_scrutin_page_query_count_does_not_grow_with_lists_and_candidates(
    vincent, at, space, make_list
):
    from ballots.models import Scrutin

    cta = Scrutin.objects.get(code="CTA-GRE")
    _store_result(cta, {"FSU": 30, "UNSA": 20})
    at(paris(2014, 12, 5, 9, 0))
    vincent.get("/electeur/scrutins/CTA-GRE/")
    with CaptureQueriesContext(connection) as before:
        vincent.get("/electeur/scrutins/CTA-GRE/")
    for position in range(3, 11):
        extra = make_list(cta, position, f"L{position}")
        for rank in range(1, 6):
            Candidate.objects.create(
                candidate_list=extra, rank=rank, surname=f"N{rank}", first_name="P"
            )
    _store_result(cta, {"FSU": 30, "UNSA": 20, "L3": 5})
    with CaptureQueriesContext(connection) as after:
        page = vincent.get("/electeur/scrutins/CTA-GRE/").content.decode()
    assert "L10" in page and "N5" in page
    assert len(after) == len(before)


def test_from_the_results_date_the_scrutin_page_shows_the_counts_and_seats(vincent, at, space):
    from ballots.models import Scrutin

    _store_result(Scrutin.objects.get(code="CTA-GRE"), {"FSU": 30, "UNSA": 20})
    at(paris(2014, 12, 4, 23, 59))
    page = vincent.get("/electeur/scrutins/CTA-GRE/").content.decode()
    assert "60,00 %" not in page and "60.00 %" not in page
    at(paris(2014, 12, 5, 0, 0))
    page = vincent.get("/electeur/scrutins/CTA-GRE/").content.decode()
    assert "Exprimés" in page and "Sièges" in page
    assert "60,00 %" in page or "60.00 %" in page  # FSU: 30 of 50 valid votes
    assert "/resultats/CTA-GRE/proces-verbal/" in page
