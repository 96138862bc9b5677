"""The confirmation link: signed, single use, expires after 3 days, and a way to get a new one."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import services
from accounts.models import AuditEvent, User
from accounts.tokens import confirmation_token, user_for_confirmation_token

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/electeur/confirmer/[^/\s]+/)")


def confirmation_path(message) -> str:
    return LINK.search(message.body_text).group(1)


@pytest.fixture
def signed_up(client, vincent, signup_data, inbox):
    """Vincent has just created his account; returns the link of his confirmation mail."""
    client.post("/electeur/creer-compte/", signup_data(vincent.email))
    return confirmation_path(inbox(vincent)[-1])


def test_the_link_from_the_inbox_activates_the_account(client, signed_up):
    response = client.get(signed_up)

    assert response.status_code == 200
    assert "Votre compte électeur est activé" in response.content.decode()
    assert User.objects.get().is_confirmed
    assert AuditEvent.objects.filter(kind="account_confirmed").count() == 1


def test_the_link_works_only_once(client, signed_up):
    client.get(signed_up)
    confirmed_at = User.objects.get().confirmed_at

    again = client.get(signed_up)

    page = again.content.decode()
    assert "Ce lien de confirmation n'est plus valable" in page
    assert 'action="/electeur/nouveau-lien/"' in page
    assert User.objects.get().confirmed_at == confirmed_at


def test_a_tampered_link_is_refused(client, signed_up):
    response = client.get(signed_up[:-3] + "00/")

    assert "n'est plus valable" in response.content.decode()
    assert not User.objects.get().is_confirmed


def test_the_link_expires_after_three_days(vincent, rf_request, password):
    issued = timezone.now()
    user = User.objects.create_user(vincent.email, password, agent=vincent)
    token = confirmation_token(user, at=issued)

    last_moment = issued + timedelta(days=3)
    assert user_for_confirmation_token(token, at=last_moment) == user
    refused = services.account_confirm(
        token=token, request=rf_request, at=last_moment + timedelta(seconds=1)
    )
    assert refused is None
    user.refresh_from_db()
    assert not user.is_confirmed
    assert services.account_confirm(token=token, request=rf_request, at=last_moment) == user


def test_a_new_sign_up_kills_the_previous_link(client, vincent, signed_up, signup_data):
    client.post("/electeur/creer-compte/", signup_data(vincent.email, password="Second2014xy"))

    client.get(signed_up)

    assert not User.objects.get().is_confirmed


def test_the_resend_form_sends_a_fresh_link_to_an_unconfirmed_account(
    client, vincent, signed_up, inbox
):
    response = client.post("/electeur/nouveau-lien/", {"email": "VINCENT.dupont@ac-grenoble.fr"})

    assert response.status_code == 302
    assert len(inbox(vincent)) == 2
    client.get(confirmation_path(inbox(vincent)[-1]))
    assert User.objects.get().is_confirmed


def test_the_resend_form_answers_the_same_for_any_address(
    client, vincent, signed_up, valerie_account
):
    answers = {
        email: client.post("/electeur/nouveau-lien/", {"email": email})
        for email in (vincent.email, valerie_account.email, "inconnu@ac-grenoble.fr")
    }

    assert {(r.status_code, r.url) for r in answers.values()} == {
        (302, "/electeur/nouveau-lien/demande-enregistree/")
    }


def test_login_is_refused_until_confirmed_with_an_offer_to_resend_the_link(
    client, signed_up, password
):
    response = client.post(
        "/electeur/connexion/", {"username": "vincent.dupont@ac-grenoble.fr", "password": password}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "pas encore activé" in page
    assert "Recevoir un nouveau lien de confirmation" in page
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(kind="login_failed").details == {"reason": "unconfirmed"}

    client.get(signed_up)
    response = client.post(
        "/electeur/connexion/", {"username": "vincent.dupont@ac-grenoble.fr", "password": password}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)
