"""Forgotten password (reset link through the webmail) and password change, same policy."""

import re

import pytest

from accounts.models import User
from core.events import EventKind
from core.models import AuditEvent
from webmail_auth.models import Message

pytestmark = pytest.mark.django_db

RESET = "/electeur/mot-de-passe-oublie/"
RESET_LINK = re.compile(r"http://testserver(/electeur/reinitialiser/[^/\s]+/[^/\s]+/)")


def reset_path(message) -> str:
    return RESET_LINK.search(message.body_text).group(1)


def test_a_reset_link_lands_in_the_inbox_and_sets_a_new_password(
    client, valerie, valerie_account, inbox, password
):
    response = client.post(RESET, {"email": "Valerie.Dupont@ac-grenoble.fr"})
    assert response.status_code == 302

    [message] = inbox(valerie)
    assert message.subject.startswith("[Electionspro2014] ")
    assert "compte électeur valerie.dupont@ac-grenoble.fr." in message.body_text
    link = reset_path(message)
    form_page = client.get(link, follow=True)
    assert 'name="new_password1"' in form_page.content.decode()

    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nouveau2014x", "new_password2": "Nouveau2014x"},
    )

    assert done.status_code == 302
    valerie_account.refresh_from_db()
    assert valerie_account.check_password("Nouveau2014x")
    assert not valerie_account.check_password(password)
    assert AuditEvent.objects.filter(
        kind=EventKind.PASSWORD_RESET_DONE, actor=valerie_account
    ).exists()
    # The link served once.
    assert "n'est plus valable" in client.get(link, follow=True).content.decode()


def test_a_reset_applies_the_password_policy(client, valerie, valerie_account, inbox, password):
    client.post(RESET, {"email": valerie.email})
    form_page = client.get(reset_path(inbox(valerie)[0]), follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "abcdefgh", "new_password2": "abcdefgh"}
    )

    assert response.status_code == 200
    assert "au moins une majuscule et un chiffre" in response.content.decode()
    valerie_account.refresh_from_db()
    assert valerie_account.check_password(password)


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_a_mail(
    client, valerie_account
):
    known = client.post(RESET, {"email": valerie_account.email})
    unknown = client.post(RESET, {"email": "personne@ac-grenoble.fr"})

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert known.url == "/electeur/mot-de-passe-oublie/demande-enregistree/"
    assert Message.objects.count() == 1
    assert AuditEvent.objects.filter(kind=EventKind.PASSWORD_RESET_REQUESTED).count() == 2


def test_a_reset_confirms_an_unconfirmed_account_and_lifts_a_lockout(
    client, vincent, inbox, password
):
    user = User.objects.create_user(vincent.email, password, agent=vincent)
    for _attempt in range(5):
        client.post("/electeur/connexion/", {"username": vincent.email, "password": "Faux2014xy"})
    client.post(RESET, {"email": vincent.email})
    form_page = client.get(reset_path(inbox(vincent)[-1]), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nouveau2014x", "new_password2": "Nouveau2014x"},
    )

    user.refresh_from_db()
    assert user.is_confirmed
    login = client.post(
        "/electeur/connexion/", {"username": vincent.email, "password": "Nouveau2014x"}
    )
    assert login.status_code == 302


def test_a_logged_in_elector_changes_the_password_and_stays_logged_in(
    client, valerie_account, password
):
    client.force_login(valerie_account)

    response = client.post(
        "/electeur/mot-de-passe/",
        {
            "old_password": password,
            "new_password1": "Change2014xy",
            "new_password2": "Change2014xy",
        },
    )

    assert response.status_code == 302
    valerie_account.refresh_from_db()
    assert valerie_account.check_password("Change2014xy")
    assert client.get("/electeur/").context["user"] == valerie_account
    assert AuditEvent.objects.filter(
        kind=EventKind.PASSWORD_CHANGED, actor=valerie_account
    ).exists()


def test_a_password_change_needs_the_current_password_and_meets_the_policy(
    client, valerie_account, password
):
    client.force_login(valerie_account)

    wrong_old = client.post(
        "/electeur/mot-de-passe/",
        {
            "old_password": "Faux2014xy",
            "new_password1": "Change2014xy",
            "new_password2": "Change2014xy",
        },
    )
    weak = client.post(
        "/electeur/mot-de-passe/",
        {"old_password": password, "new_password1": "CHANGE2014", "new_password2": "CHANGE2014"},
    )

    assert "old_password" in wrong_old.context["form"].errors
    assert "au moins une minuscule" in " ".join(weak.context["form"].errors["new_password2"])
    valerie_account.refresh_from_db()
    assert valerie_account.check_password(password)
    assert not AuditEvent.objects.filter(kind=EventKind.PASSWORD_CHANGED).exists()


def test_the_password_change_page_needs_a_login(client, db):
    response = client.get("/electeur/mot-de-passe/")

    assert response.status_code == 302
    assert response.url.startswith("/electeur/connexion/?next=")
