"""The admin after the seal (an elector's account is locked) and the admin's audit trail
(every add, change and delete, with old and new values, never a secret)."""

import pytest

from accounts.models import User
from ballots.models import Scrutin
from core.events import EventKind
from core.models import AuditEvent
from webmail_auth.models import Agent

from .conftest import PASSWORD


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser("admin@example.org", "Admin-2014-x")
    client.force_login(admin)
    return client


def change_page(user: User) -> str:
    return f"/admin/accounts/user/{user.pk}/change/"


def user_form(user: User, **changes) -> dict:
    data = {
        "email": user.email,
        "agent": user.agent_id or "",
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "date_joined_0": "2014-11-01",
        "date_joined_1": "00:00:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_after_the_seal_the_admin_cannot_relink_readdress_or_set_a_password(
    admin_client, electors, sealed, clock, make_elector
):
    voter = electors[0]
    other_agent = make_elector("autre").agent
    response = admin_client.post(
        change_page(voter),
        user_form(voter, email="pirate@example.org", agent=other_agent.pk),
    )
    assert response.status_code in (200, 302)
    voter.refresh_from_db()
    assert voter.email == "elec1@ac-grenoble.fr" and voter.agent.identifier == "elec1"

    password_url = f"/admin/accounts/user/{voter.pk}/password/"
    response = admin_client.post(
        password_url, {"password1": "Nouveau-2014-x", "password2": "Nouveau-2014-x"}
    )
    assert response.status_code == 302
    voter.refresh_from_db()
    assert voter.check_password(PASSWORD)
    page = admin_client.get(response["Location"]).content.decode()
    assert "est scellée" in page


def test_after_the_seal_an_account_cannot_be_linked_to_an_agent_on_a_sealed_roll(
    admin_client, electors, sealed, clock
):
    loose = User.objects.create_user("libre@example.org", "Libre-2014-x")
    response = admin_client.post(change_page(loose), user_form(loose, agent=electors[1].agent_id))
    assert response.status_code == 200
    assert "est scellée" in response.content.decode()
    loose.refresh_from_db()
    assert loose.agent_id is None


def test_before_the_seal_admin_changes_are_audited_with_old_and_new_values(
    admin_client, electors, scrutins, clock
):
    voter = electors[0]
    response = admin_client.post(
        change_page(voter), user_form(voter, email="nouvelle@ac-grenoble.fr")
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(kind=EventKind.ADMIN_CHANGED)
    assert event.details["changes"]["email"] == ["elec1@ac-grenoble.fr", "nouvelle@ac-grenoble.fr"]
    assert event.actor.email == "admin@example.org"

    admin_client.post(
        f"/admin/accounts/user/{voter.pk}/password/",
        {"password1": "Nouveau-2014-x", "password2": "Nouveau-2014-x"},
    )
    password_event = AuditEvent.objects.filter(kind=EventKind.ADMIN_CHANGED).latest("id")
    assert password_event.details["changes"]["password"] == ["(masqué)", "(masqué)"]
    assert "pbkdf2" not in str(password_event.details) and "argon2" not in str(
        password_event.details
    )

    paper = scrutins["paper"]
    admin_client.post(f"/admin/ballots/scrutin/{paper.pk}/delete/", {"post": "yes"})
    assert not Scrutin.objects.filter(pk=paper.pk).exists()
    deleted = AuditEvent.objects.get(kind=EventKind.ADMIN_DELETED)
    assert deleted.details["values"]["code"] == "CCP-PAP"


def test_an_agent_edited_in_the_admin_is_audited_without_its_numen(admin_client, electors):
    agent = electors[0].agent
    page = admin_client.get(f"/admin/webmail_auth/agent/{agent.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["corps"] = "Professeur certifié"
    response = admin_client.post(f"/admin/webmail_auth/agent/{agent.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(kind=EventKind.ADMIN_CHANGED)
    assert event.details["changes"]["corps"] == ["", "Professeur certifié"]
    assert Agent.objects.get(pk=agent.pk).numen_digest not in str(event.details)
