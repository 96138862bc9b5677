"""`make run` gives a clean demo each time: seed_demo empties the demo inboxes and removes
the accounts a previous walk created; only the opening mails and Valérie's account remain."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from webmail_auth.models import Agent, Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_seed_demo(settings, tmp_path):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path  # the demo key shares, never the checkout's demo-shares/

    def run(*args):
        out = io.StringIO()
        call_command("seed_demo", *args, stdout=out)
        return out.getvalue()

    return run


def test_a_second_run_forgets_what_the_first_walk_left(run_seed_demo):
    run_seed_demo()
    vincent = Agent.objects.get(email="vincent.dupont@ac-grenoble.fr")
    jf = Agent.objects.get(email="jean-francois.le-gall@ac-grenoble.fr")
    someone = Agent.objects.exclude(pk__in=[vincent.pk, jf.pk]).exclude(account__isnull=False)[0]
    for agent in (vincent, jf, someone):
        User.objects.create_user(agent.email, "Marche2026x", agent=agent)
    Message.objects.create(
        agent=vincent,
        sender="x@example.org",
        subject="[Electionspro2014] Reçu de vote",
        body_text="…",
        sent_at=timezone.now(),
    )

    report = run_seed_demo()

    assert set(User.objects.filter(is_staff=False).values_list("email", flat=True)) == {
        "valerie.dupont@ac-grenoble.fr"
    }
    subjects = list(Message.objects.filter(agent=vincent).values_list("subject", flat=True))
    assert len(subjects) == 1 and "ouverture de votre espace électeur" in subjects[0]
    assert "le vote est ouvert maintenant" in report


def test_the_profils_calendar_is_offered_and_documented(run_seed_demo):
    from ballots.models import Campaign

    report = run_seed_demo("--calendar", "profils")

    assert "avant la fin des demandes de mise à jour du profil" in report
    assert Campaign.objects.get(slug="electionspro2014").profile_updates_open(at=timezone.now())
