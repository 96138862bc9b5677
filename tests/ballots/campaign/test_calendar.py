"""The campaign calendar: every gate at its boundary instant, the order rules, create_campaign."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from ballots.models import Campaign
from core.events import EventKind
from core.models import AuditEvent

from .conftest import paris

TICK = timedelta(microseconds=1)


def test_rolls_are_published_from_their_first_instant(campaign):
    assert not campaign.rolls_published(at=paris(2014, 10, 15) - TICK)
    assert campaign.rolls_published(at=paris(2014, 10, 15))


def test_candidacies_are_published_from_their_first_instant(campaign):
    assert not campaign.candidacies_published(at=paris(2014, 10, 28) - TICK)
    assert campaign.candidacies_published(at=paris(2014, 10, 28))


def test_profile_requests_are_accepted_until_the_last_instant_of_the_deadline_day(campaign):
    assert campaign.profile_updates_open(at=paris(2014, 11, 14, 23, 59, 59))
    assert campaign.profile_updates_open(at=paris(2014, 11, 14, 23, 59, 59, 999999))
    assert not campaign.profile_updates_open(at=paris(2014, 11, 15))


def test_voting_opens_at_ten_and_refuses_from_the_closing_instant(campaign):
    assert campaign.voting_not_yet_open(at=paris(2014, 11, 27, 9, 59, 59))
    assert not campaign.voting_open(at=paris(2014, 11, 27, 9, 59, 59))
    assert campaign.voting_open(at=paris(2014, 11, 27, 10, 0))
    assert not campaign.voting_not_yet_open(at=paris(2014, 11, 27, 10, 0))
    assert campaign.voting_open(at=paris(2014, 12, 4, 16, 59, 59))
    assert not campaign.voting_closed(at=paris(2014, 12, 4, 16, 59, 59))
    assert not campaign.voting_open(at=paris(2014, 12, 4, 17, 0))
    assert campaign.voting_closed(at=paris(2014, 12, 4, 17, 0))


def test_results_are_published_from_their_first_instant(campaign):
    assert not campaign.results_published(at=paris(2014, 12, 5) - TICK)
    assert campaign.results_published(at=paris(2014, 12, 5))


def test_a_calendar_out_of_order_is_explained_in_french(campaign):
    campaign.voting_closes = campaign.voting_opens
    campaign.profile_updates_until = paris(2014, 11, 30)
    with pytest.raises(ValidationError) as raised:
        campaign.full_clean()
    messages = raised.value.message_dict
    assert messages["voting_closes"] == ["La clôture du vote doit suivre son ouverture."]
    assert "précéder l'ouverture du vote" in messages["voting_opens"][0]


def test_the_database_also_refuses_a_calendar_out_of_order(campaign):
    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(results_from=paris(2014, 12, 1))


def create(*args, **options):
    base = {
        "name": "Élections professionnelles 2014",
        "rolls": "2014-10-15",
        "candidacies": "2014-10-28",
        "profile_deadline": "2014-11-14",
        "opens": "2014-11-27T10:00",
        "closes": "2014-12-04T17:00",
        "results": "2014-12-05",
    }
    call_command("create_campaign", *args, **{**base, **options})


def test_create_campaign_reads_paris_dates_and_derives_the_mail_tag(db):
    create("electionspro2014")
    campaign = Campaign.objects.get(slug="electionspro2014")
    assert campaign.mail_tag == "[Electionspro2014]"
    assert campaign.rolls_from == paris(2014, 10, 15)
    assert campaign.profile_updates_until == paris(2014, 11, 14, 23, 59, 59, 999999)
    assert campaign.voting_opens == paris(2014, 11, 27, 10, 0)
    assert campaign.voting_closes == paris(2014, 12, 4, 17, 0)
    assert campaign.results_from == paris(2014, 12, 5)
    assert AuditEvent.objects.filter(
        kind=EventKind.CAMPAIGN_CREATED, subject="electionspro2014"
    ).exists()


def test_create_campaign_refuses_a_bad_date_with_the_option_named(db):
    with pytest.raises(CommandError, match="--rolls : « 2014-13-15 » n'est pas une date valide"):
        create("electionspro2014", rolls="2014-13-15")
    assert not Campaign.objects.exists()


def test_create_campaign_refuses_a_calendar_out_of_order_and_writes_nothing(db):
    with pytest.raises(CommandError, match="La clôture du vote doit suivre son ouverture"):
        create("electionspro2014", closes="2014-11-20T17:00")
    assert not Campaign.objects.exists()


def test_create_campaign_refuses_a_slug_already_taken(campaign):
    with pytest.raises(CommandError, match="existe déjà"):
        create("electionspro2014")
    assert Campaign.objects.count() == 1


def test_the_admin_explains_a_calendar_out_of_order_and_changes_nothing(
    campaign, client, make_user
):
    client.force_login(make_user(None, is_staff=True, is_superuser=True))
    url = f"/admin/ballots/campaign/{campaign.pk}/change/"
    assert client.get(url).status_code == 200
    data = {"slug": campaign.slug, "name": campaign.name, "mail_tag": campaign.mail_tag}
    for field, (day, hour) in {
        "rolls_from": ("15/10/2014", "00:00:00"),
        "candidacies_from": ("28/10/2014", "00:00:00"),
        "profile_updates_until": ("14/11/2014", "23:59:59"),
        "voting_opens": ("27/11/2014", "10:00:00"),
        "voting_closes": ("26/11/2014", "17:00:00"),
        "results_from": ("05/12/2014", "00:00:00"),
    }.items():
        data[f"{field}_0"], data[f"{field}_1"] = day, hour
    response = client.post(url, data)
    assert response.status_code == 200
    assert "La clôture du vote doit suivre son ouverture." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.voting_closes == paris(2014, 12, 4, 17, 0)
    data["voting_closes_0"] = "05/12/2014"
    data["results_from_0"] = "06/12/2014"
    assert client.post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.voting_closes == paris(2014, 12, 5, 17, 0)
    assert AuditEvent.objects.filter(kind=EventKind.CAMPAIGN_CHANGED).exists()
