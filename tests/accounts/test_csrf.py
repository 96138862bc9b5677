"""Every form of the elector account flows refuses a POST without its CSRF token."""

import pytest
from django.test import Client

from accounts.models import User
from core.models import AuditEvent
from webmail_auth.models import Message

pytestmark = pytest.mark.django_db

POSTS = [
    "/electeur/creer-compte/",
    "/electeur/connexion/",
    "/electeur/deconnexion/",
    "/electeur/nouveau-lien/",
    "/electeur/mot-de-passe-oublie/",
    "/electeur/reinitialiser/MQ/set-password/",
    "/electeur/mot-de-passe/",
]


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("path", POSTS)
def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(
    csrf_client, path, vincent, valerie_account, signup_data, password
):
    csrf_client.force_login(valerie_account)
    data = {
        **signup_data(vincent.email),
        "username": valerie_account.email,
        "password": password,
        "old_password": password,
        "new_password1": "Change2014xy",
        "new_password2": "Change2014xy",
    }

    response = csrf_client.post(path, data)

    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()
    assert User.objects.count() == 1
    valerie_account.refresh_from_db()
    assert valerie_account.check_password(password)
    assert "_auth_user_id" in csrf_client.session
    assert not Message.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_same_post_with_the_token_from_the_page_goes_through(csrf_client, vincent, signup_data):
    csrf_client.get("/electeur/creer-compte/")
    token = csrf_client.cookies["csrftoken"].value

    response = csrf_client.post(
        "/electeur/creer-compte/", {**signup_data(vincent.email), "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert User.objects.filter(email=vincent.email).exists()
