"""Several campaigns at once: a second campaign never hides the first one's scrutins, ballot,
calendar, turnout, results or box; a code shared by two current campaigns stays unambiguous.

Runs on SQLite and, with DATABASE_URL set to PostgreSQL, on PostgreSQL.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from ballots.demo_box import box_prepare
from ballots.models import Campaign, CandidateList, Participation, RollEntry, Scrutin
from ballots.selectors import my_scrutins

from .conftest import CLOSES, OPENS, RESULTS, paris

URL = "/electeur/scrutins/CTA-GRE/"


def create_second(
    *, opens, closes, slug="partielle", name="Élection partielle de Grenoble", results="2014-12-05"
):
    """`create_campaign` as an operator types it (dates in Paris time)."""
    out, err = StringIO(), StringIO()
    call_command(
        "create_campaign",
        slug,
        name=name,
        rolls="2014-10-15",
        candidacies="2014-10-28",
        profile_deadline="2014-11-14",
        opens=opens.strftime("%Y-%m-%dT%H:%M"),
        closes=closes.strftime("%Y-%m-%dT%H:%M"),
        results=results,
        stdout=out,
        stderr=err,
    )
    return Campaign.objects.get(slug=slug), err.getvalue()


@pytest.fixture
def voter(client, electors, sealed, clock):
    client.force_login(electors[0])
    return client


@pytest.mark.parametrize(
    "opens, closes",
    [(OPENS, CLOSES), (OPENS + timedelta(hours=1), CLOSES + timedelta(hours=1))],
    ids=["same dates", "an hour later"],
)
def test_an_empty_second_campaign_leaves_the_first_one_untouched(
    voter, scrutins, campaign, clock, opens, closes, electors
):
    second, _warning = create_second(opens=opens, closes=closes)

    mine = voter.get("/electeur/scrutins/").content.decode()
    assert "CTA de Grenoble" in mine and "CAPD de l&#x27;Isère" in mine
    assert campaign.name in mine
    assert voter.get(URL + "voter/").status_code == 200
    home = voter.get("/").content.decode()
    assert campaign.name in home and second.name in home
    turnout = voter.get("/participation/").content.decode()
    assert "CTA de Grenoble" in turnout and campaign.name in turnout
    clock.set(RESULTS + timedelta(hours=1))
    assert campaign.name in voter.get("/resultats/").content.decode()
    box = voter.get("/urne/CTA-GRE/")
    assert box.status_code == 200 and campaign.name in box.content.decode()
    assert [card.scrutin.code for card in my_scrutins(agent=electors[0].agent, at=clock.now)] == [
        "CAPD-38",
        "CCP-PAP",
        "CTA-GRE",
    ]


@pytest.fixture
def twin(campaign, scrutins, electors, tmp_path):
    """A second sealed campaign, with overlapping dates, that also has a CTA-GRE listing
    electors[0]."""
    second, _warning = create_second(
        opens=OPENS + timedelta(hours=1), closes=CLOSES, slug="test", name="Campagne de test"
    )
    cta = Scrutin.objects.create(
        campaign=second,
        code="CTA-GRE",
        label="CTA de Grenoble (test)",
        kind="CTA",
        perimeter="academique",
        academie=scrutins["cta"].academie,
        seats=1,
    )
    CandidateList.objects.create(scrutin=cta, position=1, acronym="TEST", organisation="Test")
    RollEntry.objects.create(scrutin=cta, agent=electors[0].agent)
    cta.codes = box_prepare(
        second,
        at=paris(2014, 11, 21),
        credentials_dir=tmp_path / "codes-test",
        trustees_dir=tmp_path / "trustees-test",
    )
    return cta


def test_a_code_in_two_current_campaigns_asks_which_and_both_can_be_voted(
    voter, scrutins, campaign, twin, clock, electors, choice_of, sealed
):
    clock.set(OPENS + timedelta(hours=2))
    voter.force_login(electors[0])
    mine = voter.get("/electeur/scrutins/").content.decode()
    assert mine.index(campaign.name) < mine.index("Campagne de test")
    assert "CTA de Grenoble (test)" in mine
    links = re.findall(r'href="(/electeur/scrutins/CTA-GRE/[^"]*)"', mine)
    assert {voter.get(link.replace("&amp;", "&")).status_code for link in links} == {200}
    assert len(links) == 4  # each campaign's scrutin page and ballot

    ambiguous = voter.get(URL)
    assert ambiguous.status_code == 300
    assert "?campagne=test" in ambiguous.content.decode()
    assert "?campagne=electionspro2014" in ambiguous.content.decode()
    assert voter.get(URL + "voter/").status_code == 300
    assert "CTA de Grenoble (test)" in voter.get(URL + "?campagne=test").content.decode()

    for slug, scrutin, codes in (
        ("electionspro2014", scrutins["cta"], sealed),
        ("test", twin, twin.codes),
    ):
        code = codes[electors[0].agent.identifier]  # one voting code per campaign
        response = voter.post(
            f"{URL}voter/?campagne={slug}",
            {"choice": choice_of(scrutin, "blanc"), "code": code, "confirm": "1"},
        )
        assert response.status_code == 200, slug
    assert set(Participation.objects.values_list("scrutin_id", flat=True)) == {
        scrutins["cta"].pk,
        twin.pk,
    }
    assert voter.get("/urne/CTA-GRE/?campagne=test").status_code == 200
    assert voter.get("/urne/CTA-GRE/?campagne=nope").status_code == 404


def test_a_campaign_is_archived_some_weeks_after_its_results(voter, campaign, settings, clock):
    settings.CAMPAIGN_ARCHIVE_AFTER_DAYS = 10
    clock.set(RESULTS + timedelta(days=10) - timedelta(seconds=1))
    assert campaign.is_current(at=clock.now)
    assert campaign.name in voter.get("/").content.decode()
    clock.set(RESULTS + timedelta(days=10))
    assert not campaign.is_current(at=clock.now)
    assert campaign.name not in voter.get("/").content.decode()
    results = voter.get("/resultats/").content.decode()
    assert "Campagnes passées" in results and "?campagne=electionspro2014" in results
    assert voter.get("/resultats/CTA-GRE/").status_code == 404
    assert voter.get("/resultats/CTA-GRE/?campagne=electionspro2014").status_code == 200


def test_create_campaign_warns_of_an_overlap_and_refuses_a_taken_slug(campaign):
    _second, warning = create_second(opens=OPENS + timedelta(hours=1), closes=CLOSES)
    assert "chevauche" in warning and "electionspro2014" in warning
    _third, calm = create_second(
        opens=CLOSES + timedelta(days=30),
        closes=CLOSES + timedelta(days=31),
        slug="plus-tard",
        results="2015-01-10",
    )
    assert calm == ""
    with pytest.raises(Exception, match="existe déjà"):
        create_second(opens=OPENS, closes=CLOSES, slug="electionspro2014")
    assert Campaign.objects.count() == 3
