"""The directory in the admin: searchable agents, NUMEN never shown, mail metadata only."""

import pytest

from webmail_auth.models import Agent, Message, UndeliverableMail
from webmail_auth.numen import numen_digest


@pytest.fixture
def admin_client(client, django_user_model, db):
    admin = django_user_model.objects.create_superuser("admin@example.org", "Admin-2014-x")
    client.force_login(admin)
    return client


@pytest.mark.parametrize("query", ["Dupont", "vdupont2", "valerie.dupont@ac-grenoble.fr"])
def test_agents_are_found_by_name_identifier_or_address(admin_client, directory, query):
    content = admin_client.get("/admin/webmail_auth/agent/", {"q": query}).content.decode()
    assert "valerie.dupont@ac-grenoble.fr" in content


def test_an_agents_page_shows_neither_the_numen_nor_its_digest(admin_client, vincent):
    content = admin_client.get(f"/admin/webmail_auth/agent/{vincent.pk}/change/").content.decode()
    assert "vdupont" in content
    assert vincent.numen_digest not in content
    assert "08E0512345ABC" not in content
    assert "empreinte" not in content.lower()


def test_an_agent_created_in_the_admin_is_named_like_an_import(admin_client, vincent, academie):
    response = admin_client.post(
        "/admin/webmail_auth/agent/add/",
        {
            "numen": " 08g1500000zzz ",
            "surname": "Dupont",
            "first_name": "Vincent",
            "academie": academie.pk,
            "corps": "",
            "workplace": "",
            "email": "",
        },
    )
    assert response.status_code == 302
    created = Agent.objects.get(numen_digest=numen_digest("08G1500000ZZZ"))
    # The sample file already has vdupont to vdupont4, and two Vincent Dupont.
    assert (created.identifier, created.email) == ("vdupont5", "vincent.dupont3@ac-grenoble.fr")


def test_the_admin_refuses_a_numen_already_in_the_directory(admin_client, vincent, academie):
    response = admin_client.post(
        "/admin/webmail_auth/agent/add/",
        {
            "numen": "08E0512345ABC",
            "surname": "Autre",
            "first_name": "Paul",
            "academie": academie.pk,
        },
    )
    assert response.status_code == 200
    assert "Un agent de l&#x27;annuaire a déjà ce NUMEN." in response.content.decode()
    assert not Agent.objects.filter(surname="Autre").exists()


def test_agents_cannot_be_deleted_so_identifiers_are_never_reassigned(admin_client, vincent):
    response = admin_client.post(f"/admin/webmail_auth/agent/{vincent.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Agent.objects.filter(pk=vincent.pk).exists()


def test_admins_see_message_metadata_but_never_the_body(admin_client, vincent):
    from django.core.mail import send_mail

    send_mail("Objet visible", "Corps secret du message", None, [vincent.email])
    message = Message.objects.get()
    listing = admin_client.get("/admin/webmail_auth/message/").content.decode()
    page = admin_client.get(f"/admin/webmail_auth/message/{message.pk}/change/").content.decode()
    assert "Objet visible" in listing and "Objet visible" in page
    assert "Corps secret" not in listing and "Corps secret" not in page


def test_undeliverable_mail_is_listed_for_admins(admin_client, academie):
    from django.core.mail import send_mail

    send_mail("Perdu", "x", None, ["nobody@ac-grenoble.fr"])
    assert UndeliverableMail.objects.count() == 1
    content = admin_client.get("/admin/webmail_auth/undeliverablemail/").content.decode()
    assert "nobody@ac-grenoble.fr" in content
