"""Logging in and out: lockout, session rotation, inactivity expiry, POST-only logout."""

import time

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.sessions.models import Session
from django.test import Client, override_settings

from accounts.middleware import REFRESHED_KEY
from accounts.models import User
from core.events import EventKind
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/electeur/connexion/"
REAL_HASHERS = [
    "accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
OWASP_PREFIX = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


def test_the_login_page_has_the_documented_fields_and_a_forgotten_password_link(client):
    page = client.get(LOGIN).content.decode()

    assert 'name="username"' in page
    assert 'name="password"' in page
    assert "Mot de passe oublié ?" in page
    assert 'href="/electeur/mot-de-passe-oublie/"' in page


def test_a_confirmed_elector_logs_in_with_any_case_of_the_address(
    client, valerie_account, password
):
    response = client.post(
        LOGIN, {"username": " Valerie.Dupont@ac-grenoble.FR", "password": password}
    )

    assert response.status_code == 302
    assert response.url == "/electeur/"
    assert client.session["_auth_user_id"] == str(valerie_account.pk)
    event = AuditEvent.objects.get(kind=EventKind.LOGIN_SUCCEEDED)
    assert event.actor == valerie_account
    valerie_account.refresh_from_db()
    assert valerie_account.last_login is not None


def test_a_wrong_password_is_refused_with_a_reminder_that_it_is_not_the_numen(
    client, valerie_account
):
    response = client.post(LOGIN, {"username": valerie_account.email, "password": "08G0923456DEF"})

    assert response.status_code == 200
    assert "pas votre NUMEN" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(kind=EventKind.LOGIN_FAILED).subject == valerie_account.email


def test_the_session_key_changes_at_login(client, valerie_account, password):
    before = client.session.session_key  # an anonymous session exists before logging in
    assert before

    client.post(LOGIN, {"username": valerie_account.email, "password": password})

    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_five_failures_lock_the_address_out_from_that_client(client, valerie_account, password):
    for _attempt in range(5):
        client.post(LOGIN, {"username": valerie_account.email, "password": "Mauvais2014"})

    locked = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind=EventKind.LOGIN_FAILED).count() == 4
    assert AuditEvent.objects.filter(kind=EventKind.LOGIN_LOCKED_OUT).count() == 2


def test_four_failures_do_not_lock_out(client, valerie_account, password):
    for _attempt in range(4):
        client.post(LOGIN, {"username": valerie_account.email, "password": "Mauvais2014"})

    response = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 302


def test_the_lockout_counts_one_address_whatever_its_case(client, valerie_account, password):
    for variant in ("VALERIE", "Valerie", "valeriE", "vAlerie", "valerie"):
        client.post(
            LOGIN, {"username": f"{variant}.dupont@ac-grenoble.fr", "password": "Faux2014x"}
        )

    response = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 429


def test_the_lockout_is_per_client_another_computer_can_still_log_in(
    client, valerie_account, password
):
    for _attempt in range(5):
        client.post(LOGIN, {"username": valerie_account.email, "password": "Mauvais2014"})

    other = Client(REMOTE_ADDR="198.51.100.7")
    response = other.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 302


def test_logout_needs_a_post_a_get_changes_nothing(client, valerie_account):
    client.force_login(valerie_account)

    assert client.get("/electeur/deconnexion/").status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post("/electeur/deconnexion/")
    assert response.status_code == 302
    assert response.url == "/"
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind=EventKind.LOGOUT, actor=valerie_account).exists()


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_an_active_session_is_extended_at_most_every_five_minutes(client, valerie_account):
    client.force_login(valerie_account)
    client.get("/electeur/")
    first_expiry = _expiry(client)

    client.get("/electeur/")  # within five minutes: no write
    assert _expiry(client) == first_expiry

    session = client.session
    session[REFRESHED_KEY] = int(time.time()) - 301
    session.save()
    saved_expiry = _expiry(client)
    time.sleep(1)
    client.get("/electeur/")
    assert _expiry(client) > saved_expiry


def test_an_expired_session_is_logged_out(client, valerie_account):
    client.force_login(valerie_account)
    Session.objects.update(expire_date=Session.objects.get().expire_date.replace(year=2000))

    response = client.get("/electeur/")

    assert "Accès à votre espace électeur" in response.content.decode()


@override_settings(PASSWORD_HASHERS=REAL_HASHERS)
def test_passwords_are_stored_with_argon2id_at_owasp_parameters(client, vincent, signup_data):
    client.post("/electeur/creer-compte/", signup_data(vincent.email))

    stored = User.objects.get().password
    assert stored.startswith(OWASP_PREFIX)
    assert "Bonjour" not in stored


@override_settings(PASSWORD_HASHERS=REAL_HASHERS)
def test_a_hash_with_older_parameters_is_upgraded_at_login(client, valerie_account, password):
    valerie_account.password = Argon2PasswordHasher().encode(password, "somesaltvalue123")
    valerie_account.save()
    assert not valerie_account.password.startswith(OWASP_PREFIX)

    response = client.post(LOGIN, {"username": valerie_account.email, "password": password})

    assert response.status_code == 302
    valerie_account.refresh_from_db()
    assert valerie_account.password.startswith(OWASP_PREFIX)
    assert valerie_account.check_password(password)


def test_a_lockout_on_one_address_does_not_lock_another_address_from_the_same_client(
    client, valerie_account, vincent, password
):
    vincent_account = User.objects.create_user(
        vincent.email, password, confirmed_at=valerie_account.confirmed_at
    )
    for _attempt in range(5):
        client.post(LOGIN, {"username": valerie_account.email, "password": "Mauvais2014"})
    locked = client.post(LOGIN, {"username": valerie_account.email, "password": password})
    assert locked.status_code == 429
    assert 'href="/electeur/mot-de-passe-oublie/"' in locked.content.decode()  # a way out

    response = client.post(LOGIN, {"username": vincent_account.email, "password": password})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(vincent_account.pk)


def test_logging_out_of_the_elector_space_keeps_the_webmail_open_and_says_so(
    client, valerie_account, password
):
    from webmail_auth.session import SESSION_AGENT_KEY, SESSION_HASH_KEY, _session_hash

    client.force_login(valerie_account)
    session = client.session
    session[SESSION_AGENT_KEY] = valerie_account.agent.pk
    session[SESSION_HASH_KEY] = _session_hash(valerie_account.agent)
    session.save()
    before = session.session_key

    response = client.post("/electeur/deconnexion/", follow=True)

    assert "_auth_user_id" not in client.session
    assert client.session.session_key != before
    assert client.get("/webmail/").status_code == 200
    page = response.content.decode()
    assert "Vous êtes déconnecté de votre espace électeur." in page
    assert "Votre messagerie académique reste ouverte" in page


def test_logging_out_without_a_webmail_session_does_not_mention_it(client, valerie_account):
    client.force_login(valerie_account)

    page = client.post("/electeur/deconnexion/", follow=True).content.decode()

    assert "Vous êtes déconnecté de votre espace électeur." in page
    assert "messagerie académique reste ouverte" not in page
