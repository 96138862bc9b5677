"""The procès-verbal of a scrutin: extensions with their reasons, the bureau's incidents,
the seal's fingerprint, the board's head, the trustees; a paper scrutin's has no internet
voting window."""

import pytest

from accounts.models import User
from ballots.models import Incident, VotingExtension
from ballots.services.results import ListCount, scrutin_result_store
from core.events import EventKind
from core.models import AuditEvent

from .conftest import paris


@pytest.fixture
def published(sealed, scrutins, campaign, times, clock):
    for key, source in (("cta", "depouillement"), ("paper", "papier")):
        scrutin = scrutins[key]
        first = scrutin.lists.order_by("position").first()
        counts = {"registered": 6, "voters": 3, "blank": 0, "invalid": 0}
        scrutin_result_store(scrutin=scrutin, source=source, lists=[ListCount(first.pk, 3)],
                             at=times.after_close, **counts)  # fmt: skip
    VotingExtension.objects.create(
        campaign=campaign,
        previous_closes=paris(2014, 12, 4, 17, 0),
        new_closes=paris(2014, 12, 4, 19, 0),
        reason="Panne du réseau académique de 14 h à 16 h",
        decided_at=paris(2014, 12, 4, 16, 0),
    )
    clock.set(times.after_results)
    return scrutins


def test_the_proces_verbal_records_extensions_incidents_seal_and_board(published, client, campaign):
    admin = User.objects.create_superuser("bureau@example.org", "Bureau-2014-x")
    client.force_login(admin)
    response = client.post(
        "/admin/ballots/incident/add/",
        {
            "campaign": campaign.pk,
            "scrutin": published["cta"].pk,
            "occurred_at_0": "2014-12-02",
            "occurred_at_1": "09:15:00",
            "description": "Un électeur signale une notice illisible.",
        },
    )
    assert response.status_code == 302
    assert Incident.objects.get().recorded_by == admin
    assert AuditEvent.objects.filter(kind=EventKind.ADMIN_ADDED).exists()

    page = client.get("/resultats/CTA-GRE/proces-verbal/?campagne=electionspro2014")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Panne du réseau académique de 14 h à 16 h" in text
    assert "Un électeur signale une notice illisible." in text
    assert campaign.seal.fingerprint in text
    assert "Tête du tableau public" in text and "Scrutateurs présents" in text
    assert "du 27 novembre 2014 10:00 au" in text


def test_a_paper_scrutin_proces_verbal_prints_no_internet_voting_window(published, client):
    text = client.get("/resultats/CCP-PAP/proces-verbal/").content.decode()
    assert "CCP sur papier" in text
    assert "27 novembre 2014 10:00" not in text
    assert "Prolongations du vote" not in text
    assert "Aucun incident." in text
