"""Creating an elector account: captcha, directory check, no enumeration, the confirmation mail."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth.hashers import MD5PasswordHasher
from django.utils import timezone

from accounts.models import User
from core.events import EventKind
from core.models import AuditEvent
from webmail_auth.models import Message

pytestmark = pytest.mark.django_db

SIGNUP = "/electeur/creer-compte/"
ROOT = Path(__file__).resolve().parents[2]


def test_the_signup_page_has_the_documented_fields_and_the_button(client):
    page = client.get(SIGNUP).content.decode()

    for name in ("email", "password1", "password2", "captcha_0", "captcha_1"):
        assert f'name="{name}"' in page
    assert "Je crée mon compte" in page
    assert "Recopiez le code de sécurité" in page
    assert "?nouveau-code" in page  # refresh link that works without JavaScript
    assert "guichet unique" in page  # the non-visual alternative


def test_a_new_address_creates_an_unconfirmed_account_and_sends_the_link_to_its_inbox(
    client, vincent, valerie, inbox, signup_data
):
    response = client.post(SIGNUP, signup_data("Vincent.Dupont@AC-Grenoble.fr "))

    assert response.status_code == 302
    assert response.url == "/electeur/creer-compte/demande-enregistree/"
    user = User.objects.get()
    assert user.email == "vincent.dupont@ac-grenoble.fr"
    assert user.agent == vincent
    assert not user.is_confirmed
    [message] = inbox(vincent)
    assert message.subject.startswith("[Electionspro2014] ")
    assert "Confirmez la création de votre compte électeur" in message.subject
    assert "http://testserver/electeur/confirmer/" in message.body_text
    assert "ce n'est pas votre NUMEN" in message.body_text
    assert "avec l'adresse vincent.dupont@ac-grenoble.fr." in message.body_text
    assert inbox(valerie) == []


def test_the_subject_carries_the_current_campaigns_mail_tag(client, vincent, inbox, signup_data):
    from ballots.models import Campaign

    day = timezone.now()
    Campaign.objects.create(
        slug="electionspro2018",
        name="Élections professionnelles 2018",
        mail_tag="[Electionspro2018]",
        rolls_from=day - timedelta(days=40),
        candidacies_from=day - timedelta(days=30),
        profile_updates_until=day - timedelta(days=20),
        voting_opens=day - timedelta(days=1),
        voting_closes=day + timedelta(days=7),
        results_from=day + timedelta(days=8),
    )

    client.post(SIGNUP, signup_data(vincent.email))

    assert inbox(vincent)[0].subject.startswith("[Electionspro2018] ")


def test_the_captcha_is_required(client, vincent, signup_data):
    response = client.post(SIGNUP, signup_data(vincent.email, captcha_1=""))

    assert response.status_code == 200
    assert "Recopiez les lettres de l'image" in " ".join(response.context["form"].errors["captcha"])
    assert not User.objects.exists()
    assert not Message.objects.exists()


def test_a_wrong_captcha_answer_is_refused_and_the_code_cannot_be_retried(
    client, vincent, signup_data
):
    key = CaptchaStore.generate_key()
    response = client.post(SIGNUP, signup_data(vincent.email, captcha_0=key, captcha_1="zzzzz"))

    assert "ne correspond pas" in " ".join(response.context["form"].errors["captcha"])
    assert not User.objects.exists()
    assert not CaptchaStore.objects.filter(hashkey=key).exists()


def test_a_wrong_captcha_keeps_both_passwords_in_the_answer_to_the_post_only(
    client, vincent, signup_data, password
):
    response = client.post(SIGNUP, signup_data(vincent.email, captcha_1="zzzzz"))

    page = response.content.decode()
    assert response.context["form"].has_error("captcha")
    assert page.count(f'value="{password}"') == 2
    assert "no-store" in response.headers["Cache-Control"]
    assert password not in client.get(SIGNUP).content.decode()


@pytest.mark.parametrize(
    "passwords",
    [("motdepasse", "motdepasse"), ("Bonjour2014x", "Bonjour2014y")],
    ids=["weak", "mismatch"],
)
def test_passwords_with_their_own_error_are_not_sent_back(client, vincent, signup_data, passwords):
    data = signup_data(vincent.email, captcha_1="zzzzz")
    data["password1"], data["password2"] = passwords

    page = client.post(SIGNUP, data).content.decode()

    assert passwords[0] not in page and passwords[1] not in page


def test_the_right_captcha_answer_is_accepted(client, vincent, signup_data):
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    response = client.post(SIGNUP, signup_data(vincent.email, captcha_0=key, captcha_1=answer))

    assert response.status_code == 302
    assert User.objects.filter(email=vincent.email).exists()


def _import_settings(**env) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 50,
        "ELECTIONSPRO_NUMEN_PEPPER": "y" * 32,
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", "import electionspro.settings.base"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_captcha_test_mode_refuses_to_start_without_debug():
    refused = _import_settings(DJANGO_DEBUG="0", CAPTCHA_TEST_MODE="1")
    allowed = _import_settings(DJANGO_DEBUG="1", CAPTCHA_TEST_MODE="1")

    assert refused.returncode != 0
    assert "CAPTCHA_TEST_MODE=1" in refused.stderr
    assert "DJANGO_DEBUG=1" in refused.stderr
    assert allowed.returncode == 0, allowed.stderr


@pytest.fixture
def three_addresses(make_agent, vincent, valerie_account):
    """An unknown address, one with a confirmed account (Valérie), a new one (Vincent)."""
    return {
        "unknown": "personne.inconnue@ac-grenoble.fr",
        "existing": valerie_account.email,
        "new": vincent.email,
    }


def _without_per_request_tokens(page: str) -> str:
    """CSRF tokens and CSP nonces change with every response, whatever the address."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", page)
    return re.sub(r'nonce="[^"]+"', "nonce", page)


def test_unknown_existing_and_new_addresses_get_the_same_answer(
    client, three_addresses, signup_data
):
    pages = {}
    for case, email in three_addresses.items():
        response = client.post(SIGNUP, signup_data(email), follow=True)
        assert response.redirect_chain == [("/electeur/creer-compte/demande-enregistree/", 302)]
        assert response.status_code == 200
        pages[case] = _without_per_request_tokens(response.content.decode())

    assert pages["unknown"] == pages["existing"] == pages["new"]


def test_every_branch_hashes_the_password_once_so_timing_reveals_nothing(
    client, three_addresses, signup_data
):
    for case, email in three_addresses.items():
        with mock.patch.object(
            MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
        ) as encode:
            client.post(SIGNUP, signup_data(email, password="Neuf2014xy"))
        assert encode.call_count == 1, case


def test_an_existing_account_gets_a_mail_saying_so_and_keeps_its_password(
    client, valerie, valerie_account, inbox, signup_data, password
):
    client.post(SIGNUP, signup_data(valerie.email, password="Autre2014xy"))

    [message] = inbox(valerie)
    assert "Vous avez déjà un compte électeur" in message.subject
    assert "http://testserver/electeur/connexion/" in message.body_text
    assert "http://testserver/electeur/mot-de-passe-oublie/" in message.body_text
    assert "/electeur/confirmer/" not in message.body_text
    assert "votre adresse valerie.dupont@ac-grenoble.fr." in message.body_text
    valerie_account.refresh_from_db()
    assert valerie_account.check_password(password)
    assert User.objects.count() == 1


def test_an_unknown_address_gets_no_mail_and_no_account(client, vincent, signup_data):
    client.post(SIGNUP, signup_data("personne.inconnue@ac-grenoble.fr"))

    assert not User.objects.exists()
    assert not Message.objects.exists()
    event = AuditEvent.objects.get(kind=EventKind.SIGNUP_UNKNOWN_ADDRESS)
    assert event.subject == "personne.inconnue@ac-grenoble.fr"


def test_an_inactive_agent_is_treated_as_unknown(client, make_agent, signup_data):
    gone = make_agent("Paul", "Martin", "pmartin", "paul.martin@ac-grenoble.fr", is_active=False)

    client.post(SIGNUP, signup_data(gone.email))

    assert not User.objects.exists()
    assert not Message.objects.filter(agent=gone).exists()


def test_signing_up_again_before_confirming_replaces_the_password_and_sends_a_new_link(
    client, vincent, inbox, signup_data
):
    client.post(SIGNUP, signup_data(vincent.email, password="Premier2014x"))
    client.post(SIGNUP, signup_data(vincent.email, password="Second2014xy"))

    user = User.objects.get()
    assert user.check_password("Second2014xy")
    assert len(inbox(vincent)) == 2


def test_an_invalid_form_writes_nothing(client, vincent, signup_data):
    response = client.post(SIGNUP, signup_data("pas-une-adresse", captcha_1=""))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "captcha"}
    assert not User.objects.exists()
    assert not Message.objects.exists()
    assert not AuditEvent.objects.exists()
    page = response.content.decode()
    assert 'role="alert"' in page
    assert 'aria-describedby="id_email_helptext id_email_error"' in page


def test_a_crash_while_checking_the_password_never_shows_it_in_the_error_report(
    client, vincent, signup_data, monkeypatch
):
    import sys

    from django.core.signals import got_request_exception
    from django.views.debug import ExceptionReporter

    from accounts.forms import signup as signup_forms

    reports: list[str] = []

    def broken_validation(password, user=None):
        raise RuntimeError("panne")

    def report(sender, request, **kwargs):
        reports.append(ExceptionReporter(request, *sys.exc_info()).get_traceback_html())

    monkeypatch.setattr(signup_forms.password_validation, "validate_password", broken_validation)
    got_request_exception.connect(report)
    client.raise_request_exception = False
    try:
        response = client.post(SIGNUP, signup_data(vincent.email, password="Secret2014zz"))
    finally:
        got_request_exception.disconnect(report)

    assert response.status_code == 500
    [html] = reports
    assert "accounts/forms/signup.py" in html  # the form's frame is in the report
    assert "Secret2014zz" not in html
