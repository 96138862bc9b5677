"""Public pages once the demo campaign exists (seed_demo), and the clock that places the
portal at a moment of the campaign: the first bricks of the elector's journey."""

import pytest
from django.urls import Resolver404, resolve

from ballots.models import Campaign


def _calendar_state(page, step: str) -> str:
    row = page.locator("main table tr", has=page.get_by_role("cell", name=step, exact=True))
    return row.locator("td").last.text_content().strip()


@pytest.mark.parametrize("path", ["/", "/resultats/"])
def test_public_page_with_the_demo_campaign_is_accessible_and_clean(
    page, seed_demo, check_page, path
):
    try:
        resolve(path)
    except Resolver404:
        pytest.skip(f"{path} n'existe pas encore")
    seed_demo()

    response = page.goto(path)

    assert response.status == 200
    name = Campaign.objects.get(slug="electionspro2014").name  # the year of its dates
    assert name in page.locator("main").inner_text()
    check_page(page, "demo-" + (path.strip("/") or "accueil"))


def test_the_home_calendar_follows_the_clock(page, seed_demo, clock, check_page):
    clock("2014-10-20 09:00")
    seed_demo(calendar="2014")

    page.goto("/")
    assert _calendar_state(page, "Listes électorales consultables") == "en cours"
    assert _calendar_state(page, "Ouverture du vote") == "à venir"

    clock("2014-11-28 10:00")
    page.reload()
    assert _calendar_state(page, "Listes électorales consultables") == "passé"
    assert _calendar_state(page, "Ouverture du vote") == "en cours"
    check_page(page, "calendrier-vote-ouvert")
