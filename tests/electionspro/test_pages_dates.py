"""Every date and year the pages and mails show comes from the campaign: none is written in
a template. Also said on the home page and in the FAQ: paper voting in higher education and
the paper notice de vote."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ballots.services.campaign import campaign_create
from ballots.services.opening_mails import opening_mail_body, opening_mail_subject

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def campaign_2018(clock_2018):
    return campaign_create(
        slug="electionspro2018",
        name="Élections professionnelles 2018",
        mail_tag="[Electionspro2018]",
        rolls_from=datetime(2018, 10, 15, tzinfo=PARIS),
        candidacies_from=datetime(2018, 10, 28, tzinfo=PARIS),
        profile_updates_until=datetime(2018, 11, 14, 23, 59, 59, tzinfo=PARIS),
        voting_opens=datetime(2018, 11, 29, 10, 0, tzinfo=PARIS),
        voting_closes=datetime(2018, 12, 6, 17, 0, tzinfo=PARIS),
        results_from=datetime(2018, 12, 7, tzinfo=PARIS),
    )


@pytest.fixture
def clock_2018(time_machine):
    time_machine.move_to(datetime(2018, 11, 1, 12, 0, tzinfo=PARIS), tick=False)


def test_the_faq_gives_the_campaigns_dates_and_no_other_year(client, campaign_2018):
    html = client.get("/faq/").content.decode()

    assert "du jeudi 29 novembre 2018 à 10:00 au jeudi 6 décembre 2018 à 17:00" in html
    assert "à partir du vendredi 7 décembre 2018" in html
    assert "2014" not in html and "27 novembre" not in html


def test_without_a_campaign_the_faq_writes_no_date(client):
    html = client.get("/faq/").content.decode()

    assert "Aucune campagne n&#x27;est en cours" in html or "Aucune campagne n'est en cours" in html
    assert "2014" not in html


def test_the_opening_mail_speaks_of_its_campaign_and_its_dates(campaign_2018):
    from webmail_auth.models import Agent

    body = opening_mail_body(campaign=campaign_2018, agent=Agent(email="a.b@ac-grenoble.fr"))

    assert "élections professionnelles 2018" in body
    assert "29 novembre 2018" in body and "2014" not in body
    assert "Elections professionnelles 2018" in opening_mail_subject(campaign_2018)


def test_home_and_faq_tell_higher_education_staff_about_paper_voting(client):
    for url in ("/", "/faq/"):
        html = client.get(url).content.decode()
        assert "enseignement supérieur" in html and "par correspondance, sur papier" in html


def test_the_faq_explains_the_notice_de_vote(client, campaign_2018):
    html = client.get("/faq/").content.decode()

    assert "Qu&#x27;est-ce que la notice de vote" in html or "Qu'est-ce que la notice" in html
    for words in (
        "document papier personnel",
        "contre signature",
        "l'ancien code ne fonctionne plus",
        "le vote ouvre le 29 novembre 2018",
    ):
        assert words.replace("'", "&#x27;") in html or words in html, words
