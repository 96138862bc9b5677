"""The confirmation link: signed, single use, expires after 3 days, and a way to get a new one.
It opens a page (GET changes nothing) that asks for the password chosen at sign-up."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts import services
from accounts.models import User
from accounts.tokens import confirmation_token, user_for_confirmation_token
from core.events import EventKind
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/electeur/confirmer/[^/\s]+/)")


def confirmation_path(message) -> str:
    return LINK.search(message.body_text).group(1)


@pytest.fixture
def signed_up(client, vincent, signup_data, inbox):
    """Vincent has just created his account; returns the link of his confirmation mail."""
    client.post("/electeur/creer-compte/", signup_data(vincent.email))
    return confirmation_path(inbox(vincent)[-1])


def test_the_link_opens_a_page_that_changes_nothing(client, signed_up):
    response = client.get(signed_up)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Activer mon compte électeur" in page
    assert 'name="password"' in page and 'autocomplete="current-password"' in page
    assert "vincent.dupont@ac-grenoble.fr" in page
    assert not User.objects.get().is_confirmed
    assert not AuditEvent.objects.filter(kind__startswith="account_confirm").exists()


def test_the_sign_up_password_activates_the_account_and_opens_the_elector_space(
    client, signed_up, password
):
    response = client.post(signed_up, {"password": password}, follow=True)

    assert response.redirect_chain == [("/electeur/", 302)]
    assert "Votre compte électeur est activé" in response.content.decode()
    user = User.objects.get()
    assert user.is_confirmed
    assert client.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(kind=EventKind.ACCOUNT_CONFIRMED).count() == 1


def test_a_wrong_password_reshows_the_form_in_french_and_changes_nothing(client, signed_up):
    response = client.post(signed_up, {"password": "PasLeBon2014"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce n&#x27;est pas le mot de passe choisi lors de la demande" in page
    assert 'aria-invalid="true"' in page
    assert "PasLeBon2014" not in page
    assert not User.objects.get().is_confirmed
    assert "_auth_user_id" not in client.session
    assert (
        AuditEvent.objects.filter(kind=EventKind.ACCOUNT_CONFIRMATION_WRONG_PASSWORD).count() == 1
    )


def test_an_empty_password_is_asked_for(client, signed_up):
    response = client.post(signed_up, {"password": ""})

    assert "Indiquez le mot de passe choisi" in response.content.decode()
    assert not User.objects.get().is_confirmed


def test_the_link_works_only_once(client, signed_up, password):
    client.post(signed_up, {"password": password})
    confirmed_at = User.objects.get().confirmed_at

    for again in (client.get(signed_up), client.post(signed_up, {"password": password})):
        page = again.content.decode()
        assert "Ce lien de confirmation n'est plus valable" in page
        assert 'action="/electeur/nouveau-lien/"' in page
    assert User.objects.get().confirmed_at == confirmed_at


def test_a_tampered_link_is_refused(client, signed_up, password):
    for response in (
        client.get(signed_up[:-3] + "00/"),
        client.post(signed_up[:-3] + "00/", {"password": password}),
    ):
        assert "n'est plus valable" in response.content.decode()
    assert not User.objects.get().is_confirmed


def test_a_strangers_sign_up_cannot_be_confirmed_by_the_owner_who_signs_up_again(
    client, vincent, signup_data, inbox, password
):
    """Someone signs up with Vincent's address; the link lands in Vincent's mailbox."""
    stranger = Client()
    stranger.post("/electeur/creer-compte/", signup_data(vincent.email, password="Intrus2014xx"))
    strangers_link = confirmation_path(inbox(vincent)[-1])

    # Vincent clicks it: he cannot activate an account whose password he did not choose.
    refused = client.post(strangers_link, {"password": password})
    assert "Créer mon compte à nouveau" in refused.content.decode()
    assert not User.objects.get().is_confirmed

    # His own sign-up replaces the pending one: the stranger's link and password are dead.
    client.post("/electeur/creer-compte/", signup_data(vincent.email, password=password))
    own_link = confirmation_path(inbox(vincent)[-1])
    assert own_link != strangers_link
    dead = stranger.post(strangers_link, {"password": "Intrus2014xx"})
    assert "n'est plus valable" in dead.content.decode()
    assert not User.objects.get().is_confirmed

    client.post(own_link, {"password": password})
    user = User.objects.get()
    assert user.is_confirmed and user.check_password(password)
    assert not user.check_password("Intrus2014xx")


def test_the_link_expires_after_three_days(vincent, rf_request, password):
    issued = timezone.now()
    user = User.objects.create_user(vincent.email, password, agent=vincent)
    token = confirmation_token(user, at=issued)

    last_moment = issued + timedelta(days=3)
    assert user_for_confirmation_token(token, at=last_moment) == user
    refused = services.account_confirm(
        token=token, password=password, request=rf_request, at=last_moment + timedelta(seconds=1)
    )
    assert refused == (services.Confirmation.BAD_LINK, None)
    user.refresh_from_db()
    assert not user.is_confirmed
    confirmed = services.account_confirm(
        token=token, password=password, request=rf_request, at=last_moment
    )
    assert confirmed == (services.Confirmation.CONFIRMED, user)


def test_a_new_sign_up_kills_the_previous_link(client, vincent, signed_up, signup_data):
    client.post("/electeur/creer-compte/", signup_data(vincent.email, password="Second2014xy"))

    client.post(signed_up, {"password": "Second2014xy"})

    assert not User.objects.get().is_confirmed


def test_the_resend_form_sends_a_fresh_link_to_an_unconfirmed_account(
    client, vincent, signed_up, inbox, password
):
    response = client.post("/electeur/nouveau-lien/", {"email": "VINCENT.dupont@ac-grenoble.fr"})

    assert response.status_code == 302
    assert len(inbox(vincent)) == 2
    client.post(confirmation_path(inbox(vincent)[-1]), {"password": password})
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
    assert AuditEvent.objects.get(kind=EventKind.LOGIN_FAILED).details == {"reason": "unconfirmed"}

    client.post(signed_up, {"password": password})
    client.post("/electeur/deconnexion/")
    response = client.post(
        "/electeur/connexion/", {"username": "vincent.dupont@ac-grenoble.fr", "password": password}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)
