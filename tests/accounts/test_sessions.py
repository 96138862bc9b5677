"""Sessions: Django's database engine, what a login and a page cost, logout, expiry."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/electeur/connexion/"


def _session_queries(queries) -> list[str]:
    return [q["sql"].split()[0].upper() for q in queries if "django_session" in q["sql"]]


def test_a_saved_session_reads_back_and_an_expired_one_does_not():
    store = SessionStore()
    store["colour"] = "bleu"
    store.save()

    assert SessionStore(store.session_key)["colour"] == "bleu"

    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.get("colour") is None
    assert expired.session_key is None  # the next save takes a new key, never the old one


def test_an_unknown_key_reads_as_an_empty_session():
    store = SessionStore("x" * 32)

    assert dict(store.items()) == {}
    assert store.session_key is None


def test_a_login_gives_a_new_key_and_deletes_the_old_row(client, valerie_account, password):
    client.get(LOGIN)
    anonymous = SessionStore()
    anonymous["before_login"] = True
    anonymous.save()
    client.cookies["sessionid"] = anonymous.session_key

    with CaptureQueriesContext(connection) as queries:
        response = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 302
    # Django's engine: the session read; the new key checked free and inserted; the old row
    # read and deleted; the response's save updates the new row.
    assert _session_queries(queries) == ["SELECT", "SELECT", "INSERT", "SELECT", "DELETE", "UPDATE"]
    new_key = client.cookies["sessionid"].value
    assert new_key != anonymous.session_key
    assert not Session.objects.filter(pk=anonymous.session_key).exists()
    stored = SessionStore(new_key)
    assert stored["_auth_user_id"] == str(valerie_account.pk)
    assert stored["before_login"] is True  # kept across the new key, as Django does
    assert client.get("/electeur/").status_code == 200


def test_a_logged_in_page_reads_its_session_with_one_query(client, valerie_account):
    client.force_login(valerie_account)
    client.get("/electeur/")  # the first request marks the session refreshed (one UPDATE)

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/electeur/").status_code == 200

    assert _session_queries(queries) == ["SELECT"]


def test_logout_empties_the_session_under_a_new_key(client, valerie_account):
    client.force_login(valerie_account)
    old_key = client.cookies["sessionid"].value

    client.post("/electeur/deconnexion/")

    assert not Session.objects.filter(pk=old_key).exists()
    assert client.get("/electeur/scrutins/").status_code == 302


def test_what_a_login_costs_in_queries(client, valerie_account, password):
    client.post(LOGIN, {"username": valerie_account.email, "password": password})
    client.post("/electeur/deconnexion/")

    with CaptureQueriesContext(connection) as queries:
        response = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 302
    tables = [
        table
        for q in queries
        for table in ("axes_accessattempt", "accounts_user", "django_session", "core_auditevent")
        if f'"{table}"' in q["sql"]
    ]
    # Django's and django-axes' stock code: the failures counted, the user read, the new
    # session (key checked free, inserted), axes' expired attempts cleaned and this
    # client's reset, last_login, the audit row, the session's data saved.
    assert tables == ["axes_accessattempt", "accounts_user", "django_session", "django_session",
                      "axes_accessattempt", "axes_accessattempt", "accounts_user",
                      "core_auditevent", "django_session"]  # fmt: skip
