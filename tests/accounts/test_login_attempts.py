"""The lockout's bookkeeping (accounts/axes_handler.py): fewer queries, the same rule."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import axes_handler

pytestmark = pytest.mark.django_db

LOGIN = "/electeur/connexion/"
WRONG = "Mauvais2014"


@pytest.fixture
def clean_due(monkeypatch):
    """The next login may clean the expired attempts (as if the last clean was long ago)."""
    monkeypatch.setattr(axes_handler.LoginAttemptsHandler, "_last_clean", float("-inf"))


def _attempt_queries(queries) -> list[str]:
    return [q["sql"].split()[0].upper() for q in queries if "axes_accessattempt" in q["sql"]]


def test_a_login_without_failures_reads_the_failures_once_and_deletes_nothing(
    client, valerie_account, password
):
    client.post(LOGIN, {"username": valerie_account.email, "password": password})
    client.post("/electeur/deconnexion/")

    with CaptureQueriesContext(connection) as queries:
        response = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 302
    assert _attempt_queries(queries) == ["SELECT"]  # the count of recent failures


def test_a_login_after_failures_resets_them(client, valerie_account, password):
    for _attempt in range(4):
        client.post(LOGIN, {"username": valerie_account.email, "password": WRONG})
    assert (
        client.post(LOGIN, {"username": valerie_account.email, "password": password}).status_code
        == 302
    )
    client.post("/electeur/deconnexion/")

    for _attempt in range(4):  # without the reset, these would make 8 and lock
        client.post(LOGIN, {"username": valerie_account.email, "password": WRONG})
    response = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 302


def test_attempts_older_than_the_cool_off_are_cleaned_and_never_counted(
    client, valerie_account, password, monkeypatch
):
    for _attempt in range(5):
        client.post(LOGIN, {"username": valerie_account.email, "password": WRONG})
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    monkeypatch.setattr(axes_handler.LoginAttemptsHandler, "_last_clean", float("-inf"))

    response = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 302  # 15 minutes passed: the lockout is over
    assert not AccessAttempt.objects.exists()


def test_the_cleaning_runs_at_most_once_a_minute(client, valerie_account, password, clean_due):
    client.post(LOGIN, {"username": valerie_account.email, "password": WRONG})
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    client.post(LOGIN, {"username": valerie_account.email, "password": WRONG})  # cleans now
    assert AccessAttempt.objects.count() == 1

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    client.post(LOGIN, {"username": "autre.personne@ac-grenoble.fr", "password": WRONG})

    assert AccessAttempt.objects.count() == 2  # the old one waits for the next clean
