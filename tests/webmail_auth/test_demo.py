"""The directory part of the demo."""

from webmail_auth.demo import seed_directory
from webmail_auth.models import Academie, Agent


def test_the_demo_directory_is_built_and_can_be_built_again(db):
    first = seed_directory()
    second = seed_directory()
    academie = Academie.objects.get(code="grenoble")
    assert (academie.mail_domain, academie.numen_code) == ("ac-grenoble.fr", "08")
    assert academie.assistance_phone
    assert Agent.objects.count() == 14
    for report in (first, second):
        assert (
            "Webmail : vdupont / 08E0512345ABC (Vincent Dupont, vincent.dupont@ac-grenoble.fr)"
            in report
        )
        assert any(line.startswith("Webmail : vdupont2 / 08G0923456DEF") for line in report)
        assert any(line.startswith("Webmail : jlegall / 08E9834567GHI") for line in report)
    assert "14 inchangé(s)" in second[0]


def test_a_newcomer_can_log_into_the_demo_webmail(client, db):
    seed_directory()
    response = client.post(
        "/webmail/connexion/", {"username": "vdupont", "password": "08E0512345ABC"}
    )
    assert response.status_code == 302
