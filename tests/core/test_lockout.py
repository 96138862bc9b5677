"""The lockout's numbers shown to people are django-axes' settings, whatever they are."""

from datetime import timedelta

import pytest

from core.lockout import lockout_minutes, lockout_policy


@pytest.mark.parametrize(
    ("cooloff", "minutes"),
    [
        (0.25, 15),
        (1, 60),
        (timedelta(minutes=30), 30),
        (lambda: timedelta(hours=2), 120),
        (lambda request: timedelta(minutes=45), 45),
    ],
)
def test_the_cooloff_reads_in_minutes_in_every_documented_form(settings, cooloff, minutes):
    settings.AXES_COOLOFF_TIME = cooloff

    assert lockout_minutes() == minutes


def test_the_portal_states_its_own_lockout_setting(settings):
    settings.LOCKOUT_MINUTES = 20

    assert lockout_minutes() == 20


def test_the_lost_identifier_page_states_the_configured_lockout(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOCKOUT_MINUTES = 30

    page = client.get("/webmail/identifiant-perdu/").content.decode()

    assert lockout_policy() == {"failures": 3, "minutes": 30}
    assert "Après 3 essais infructueux" in page and "bloquée 30 minutes" in page
    assert "5 essais" not in page and "15 minutes" not in page
