"""A NUMEN is a credential: never in the database nor in the logs, in any spelling."""

import logging

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models

from webmail_auth.demo import DEMO_LOGINS

NUMENS = [numen for numen, _name in DEMO_LOGINS] + ["08E0812345ABF", "08E0612345ABD"]


def spellings(numen: str) -> set[str]:
    return {
        numen,
        numen.lower(),
        " ".join([numen[:2], numen[2], numen[3:5], numen[5:10], numen[10:]]),
    }


def text_columns_holding(needle: str) -> list[str]:
    """Every text-like column of every table that contains `needle` (case-insensitive)."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or field.many_to_many:
                continue
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                lookup = f"{field.attname}__icontains"
                if model._default_manager.filter(**{lookup: needle}).exists():
                    found.append(f"{model._meta.label}.{field.name}")
    return found


def test_no_numen_in_clear_anywhere_in_the_database_or_the_logs_after_imports_and_logins(
    academie, run, sample_file, invalid_file, client, caplog
):
    caplog.set_level(logging.DEBUG)
    run("import_agents", str(sample_file))
    run("import_agents", str(invalid_file), "--skip-invalid")
    client.post("/webmail/connexion/", {"username": "vdupont", "password": "08e0512345abc"})
    client.post("/webmail/deconnexion/")
    for _attempt in range(6):  # failures, then a lockout: axes records its attempts
        client.post("/webmail/connexion/", {"username": "vdupont2", "password": "08G0923456DEX"})
        client.post("/webmail/connexion/", {"username": "jlegall", "password": "08E9834567GHI"})
    assert client.session.get("_webmail_agent_id")  # the logins did happen
    sessions = " ".join(str(session.get_decoded()) for session in Session.objects.all())
    for numen in [*NUMENS, "08G0923456DEX"]:
        assert text_columns_holding(numen) == [], numen
        for spelling in spellings(numen):
            assert spelling not in caplog.text
            assert spelling not in sessions


def test_the_scan_would_see_a_numen_stored_in_clear(vincent):
    """The check above is able to fail: a NUMEN written somewhere is found."""
    vincent.workplace = "NUMEN 08E0512345ABC"
    vincent.save()
    assert text_columns_holding("08E0512345ABC") == ["webmail_auth.Agent.workplace"]
