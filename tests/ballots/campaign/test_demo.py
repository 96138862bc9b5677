"""The demo campaign (docs/interface.md): complete, on both calendars, idempotent."""

import pytest
from django.utils import timezone

from ballots.demo_campaign import seed_campaign
from ballots.models import Campaign, CandidateList, OpeningMail, RollEntry, Scrutin
from ballots.uploads import validate_logo, validate_profession_de_foi
from webmail_auth.importing import import_agent_file
from webmail_auth.models import Message

from .conftest import paris

DEMO_PEOPLE = [
    "vincent.dupont@ac-grenoble.fr",
    "valerie.dupont@ac-grenoble.fr",
    "jean-francois.le-gall@ac-grenoble.fr",
]


@pytest.fixture
def sample_directory(academie):
    from pathlib import Path

    import_agent_file(str(Path(__file__).with_name("agents_sample.csv")))


def test_the_demo_places_the_calendar_so_that_voting_is_open_now(sample_directory):
    seed_campaign(calendar="now")
    campaign = Campaign.objects.get(slug="electionspro2014")
    now = timezone.now()
    # The name says the year of the vote, which its dates do not contradict.
    assert campaign.name == f"Élections professionnelles {campaign.voting_opens.year}"
    assert campaign.mail_tag == "[Electionspro2014]"
    assert campaign.voting_open(at=now)
    assert campaign.rolls_published(at=now) and campaign.candidacies_published(at=now)
    assert not campaign.profile_updates_open(at=now)


def test_the_profils_calendar_places_today_before_the_profile_deadline(sample_directory):
    seed_campaign(calendar="profils")
    campaign = Campaign.objects.get(slug="electionspro2014")
    now = timezone.now()
    assert campaign.profile_updates_open(at=now)
    assert campaign.rolls_published(at=now) and campaign.candidacies_published(at=now)
    assert campaign.voting_not_yet_open(at=now)
    assert campaign.name == f"Élections professionnelles {campaign.voting_opens.year}"


def test_the_2014_demo_keeps_the_real_dates(sample_directory):
    seed_campaign(calendar="2014")
    campaign = Campaign.objects.get()
    assert campaign.name == "Élections professionnelles 2014"
    assert campaign.voting_opens == paris(2014, 11, 27, 10, 0)
    assert campaign.voting_closes == paris(2014, 12, 4, 17, 0)
    assert campaign.profile_updates_until == paris(2014, 11, 14, 23, 59, 59, 999999)


def test_each_demo_person_is_on_two_internet_scrutins_and_has_the_opening_mail(sample_directory):
    seed_campaign(calendar="now")
    for address in DEMO_PEOPLE:
        internet = RollEntry.objects.filter(agent__email=address, scrutin__mode="internet")
        assert internet.count() >= 2, address
        assert OpeningMail.objects.filter(agent__email=address).count() == 1
        inbox = Message.objects.filter(agent__email=address).values_list("subject", flat=True)
        year = Campaign.objects.get().voting_opens.year
        assert list(inbox) == [
            f"[Electionspro2014] Elections professionnelles {year} : ouverture de votre espace "
            "électeur"
        ]
    assert Scrutin.objects.filter(mode="papier").exists()


def test_every_demo_list_has_a_valid_pdf_profession_de_foi_and_logo(sample_directory):
    seed_campaign(calendar="now")
    lists = CandidateList.objects.all()
    assert lists.count() >= 10
    for candidate_list in lists:
        with candidate_list.profession_de_foi.open("rb") as handle:
            validate_profession_de_foi(handle)
        with candidate_list.logo.open("rb") as handle:
            validate_logo(handle)


def test_running_the_demo_twice_gives_the_same_campaign(sample_directory):
    seed_campaign(calendar="now")
    counts = (
        Scrutin.objects.count(),
        RollEntry.objects.count(),
        CandidateList.objects.count(),
        OpeningMail.objects.count(),
    )
    seed_campaign(calendar="2014")
    seed_campaign(calendar="now")
    assert (
        Scrutin.objects.count(),
        RollEntry.objects.count(),
        CandidateList.objects.count(),
        OpeningMail.objects.count(),
    ) == counts
    assert Campaign.objects.count() == 1


def test_the_demo_paper_results_file_gives_the_paper_scrutin_its_seats(sample_directory):
    from ballots.demo_campaign import DATA
    from ballots.models import ListResult
    from ballots.services.paper_results import paper_results_import

    seed_campaign(calendar="2014")
    campaign = Campaign.objects.get(slug="electionspro2014")
    paper_results_import(
        campaign=campaign, source=DATA / "paper_results.csv", at=paris(2014, 12, 4, 18, 0)
    )
    seats = dict(
        ListResult.objects.filter(result__scrutin__code="CCP-ESR-GRE").values_list(
            "candidate_list__acronym", "seats"
        )
    )
    assert seats == {"SNASUB-FSU": 2, "A&I-UNSA": 1}  # 75 valid, quotient 25: 1 + 1, then 22.5 > 15
