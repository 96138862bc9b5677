"""The scrutin pages reuse what is the same for every elector once the campaign is sealed,
and show at once anything that changes: the phase of the calendar, an extension, the
language, the elector's own vote; before the seal nothing is reused."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ballots.models import Candidate, CandidateList
from ballots.services.sealing import voting_extend
from ballots.services.voting import vote_cast

from .conftest import paris

pytestmark = pytest.mark.django_db


def page(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("url", ["/electeur/scrutins/", "/electeur/scrutins/CTA-GRE/"])
def test_once_sealed_the_lists_are_read_once_and_the_page_stays_the_same(
    client, electors, sealed, clock, url
):
    client.force_login(electors[0])
    first, first_queries = page(client, url)
    second, second_queries = page(client, url)
    assert "FSU" in first and "UNSA" in first
    assert _without_tokens(second) == _without_tokens(first)
    assert second_queries < first_queries


def test_another_elector_of_the_scrutin_gets_the_shared_part_with_their_own_vote(
    client, electors, scrutins, sealed, clock, choice_of, code_of
):
    client.force_login(electors[0])
    page(client, "/electeur/scrutins/CTA-GRE/")
    vote_cast(
        code=code_of(electors[1]),
        user=electors[1],
        scrutin=scrutins["cta"],
        choice=choice_of(scrutins["cta"], "FSU"),
        at=paris(2014, 12, 1, 11, 0),
    )
    client.force_login(electors[1])
    html, _ = page(client, "/electeur/scrutins/CTA-GRE/")
    assert "Vous avez voté le 1 décembre 2014 à 11:00" in html
    assert "Organisation UNSA" in html
    client.force_login(electors[2])
    html, _ = page(client, "/electeur/scrutins/CTA-GRE/")
    assert "Vous avez voté" not in html and "/electeur/scrutins/CTA-GRE/voter/" in html


def test_the_calendar_phase_changes_what_the_page_says(client, electors, sealed, clock):
    client.force_login(electors[0])
    clock.set(paris(2014, 11, 27, 9, 59, 59))
    before, _ = page(client, "/electeur/scrutins/")
    clock.set(paris(2014, 11, 27, 10, 0))
    during, _ = page(client, "/electeur/scrutins/")
    assert "à venir" in _milestone(before, "Vote par internet")
    assert "en cours" in _milestone(during, "Vote par internet")


def test_an_extension_of_the_close_shows_at_once(client, electors, campaign, sealed, clock):
    client.force_login(electors[0])
    html, _ = page(client, "/electeur/scrutins/CTA-GRE/")
    assert "au 4 décembre 2014 à 17:00" in html
    voting_extend(campaign=campaign, until=paris(2014, 12, 4, 19, 0), reason="panne", at=clock.now)
    html, _ = page(client, "/electeur/scrutins/CTA-GRE/")
    assert "au 4 décembre 2014 à 19:00" in html


def test_each_language_has_its_own_copy(client, electors, sealed, clock):
    client.force_login(electors[0])
    french, _ = page(client, "/electeur/scrutins/CTA-GRE/")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english, _ = page(client, "/electeur/scrutins/CTA-GRE/")
    assert "Calendrier de ce scrutin" in french
    assert "Calendrier de ce scrutin" not in english and 'lang="en"' in english


def test_before_the_seal_a_change_of_the_lists_shows_at_once(
    client, electors, scrutins, keyed, clock
):
    client.force_login(electors[0])
    page(client, "/electeur/scrutins/CTA-GRE/")
    fsu = CandidateList.objects.get(scrutin=scrutins["cta"], acronym="FSU")
    Candidate.objects.create(
        candidate_list=fsu, rank=1, surname="Lovelace", first_name="Ada", quality="titulaire"
    )
    html, _ = page(client, "/electeur/scrutins/CTA-GRE/")
    assert "Lovelace" in html


def _without_tokens(html: str) -> str:
    """The page without its CSRF token and CSP nonce (new at each response)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def _milestone(html: str, text: str) -> str:
    start = html.index(text)
    return html[start : html.index("</li>", start)]
