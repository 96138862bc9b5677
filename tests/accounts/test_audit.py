"""The audit trail of the account flows: every step recorded, no secret in it."""

import json
import re

import pytest

from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_whole_journey_is_recorded_without_any_password_or_token(
    client, vincent, signup_data, inbox
):
    secrets = ["Premier2014x", "Mauvais2014x", "Second2014xy"]
    client.post("/electeur/creer-compte/", signup_data(vincent.email, password=secrets[0]))
    confirm_link = re.search(r"/electeur/confirmer/[^/\s]+/", inbox(vincent)[-1].body_text).group()
    client.get(confirm_link)
    client.post(confirm_link, {"password": secrets[1]})
    client.post(confirm_link, {"password": secrets[0]})
    client.post("/electeur/deconnexion/")
    client.post("/electeur/connexion/", {"username": vincent.email, "password": secrets[1]})
    client.post("/electeur/connexion/", {"username": vincent.email, "password": secrets[0]})
    client.post(
        "/electeur/mot-de-passe/",
        {"old_password": secrets[0], "new_password1": secrets[2], "new_password2": secrets[2]},
    )
    client.post("/electeur/mot-de-passe-oublie/", {"email": vincent.email})
    client.post("/electeur/deconnexion/")

    kinds = list(AuditEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        "account_created",
        "account_confirmation_wrong_password",
        "account_confirmed",
        "login_succeeded",
        "logout",
        "login_failed",
        "login_succeeded",
        "password_changed",
        "password_reset_requested",
        "logout",
    ]
    token = confirm_link.split("/")[-2]
    for event in AuditEvent.objects.all():
        written = json.dumps([event.subject, event.details], ensure_ascii=False)
        for secret in [*secrets, token, token.split(".")[1]]:
            assert secret not in written, event.kind
        assert event.client_ip == "127.0.0.1"


def test_the_audit_trail_is_read_only_in_the_admin(admin_client, vincent, signup_data, client):
    client.post("/electeur/creer-compte/", signup_data(vincent.email))
    event = AuditEvent.objects.get()

    listing = admin_client.get("/admin/core/auditevent/")
    assert listing.status_code == 200
    assert "account_created" in listing.content.decode()
    assert admin_client.get("/admin/core/auditevent/add/").status_code == 403
    admin_client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()
