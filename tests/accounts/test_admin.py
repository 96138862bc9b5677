"""The electors in the admin: address, agent, confirmed, last login; resend; no password."""

import pytest

from accounts.models import User
from core.events import EventKind
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed(vincent, password):
    return User.objects.create_user(vincent.email, password, agent=vincent)


def test_the_elector_list_shows_address_agent_confirmation_and_last_login_but_no_password(
    admin_client, unconfirmed, valerie_account
):
    page = admin_client.get("/admin/accounts/user/").content.decode()

    assert unconfirmed.email in page
    assert "Vincent Dupont (vdupont)" in page
    assert "Dernière connexion" in page or "dernière connexion" in page
    assert unconfirmed.password not in page
    assert unconfirmed.password.split("$")[-1] not in page


def test_the_change_page_never_shows_the_password_hash(admin_client, valerie_account):
    page = admin_client.get(f"/admin/accounts/user/{valerie_account.pk}/change/").content.decode()

    assert valerie_account.password.split("$")[-1] not in page


def test_the_resend_action_sends_a_new_link_to_unconfirmed_accounts_only(
    admin_client, unconfirmed, valerie_account, vincent, valerie, inbox
):
    response = admin_client.post(
        "/admin/accounts/user/",
        {
            "action": "resend_confirmation",
            "_selected_action": [unconfirmed.pk, valerie_account.pk],
        },
        follow=True,
    )

    assert response.status_code == 200
    assert len(inbox(vincent)) == 1
    assert "/electeur/confirmer/" in inbox(vincent)[0].body_text
    assert inbox(valerie) == []
    assert AuditEvent.objects.filter(kind=EventKind.CONFIRMATION_RESENT).count() == 1
    page = response.content.decode()
    assert "1 lien de confirmation envoyé." in page
    assert "1 compte ignoré" in page
