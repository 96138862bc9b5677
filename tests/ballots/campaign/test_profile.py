"""/electeur/profil/ and its update requests: before and after the deadline, and their review."""

import html

import pytest

from ballots.models import ProfileUpdateRequest
from ballots.services.profile_requests import (
    ProfileRequestError,
    ProfileUpdatesClosed,
    profile_request_create,
    profile_request_review,
)
from core.events import EventKind
from core.models import AuditEvent

from .conftest import paris

LAST_INSTANT = paris(2014, 11, 14, 23, 59, 59, 999999)
TOO_LATE = paris(2014, 11, 15, 0, 0)
FORM = {
    "topic": "affectation",
    "current_value": "Lycée Champollion",
    "requested_value": "Lycée Stendhal, Grenoble",
}


@pytest.fixture
def elector(campaign, directory, make_scrutin, enrol, make_user, client, clock):
    enrol(directory["vincent"], make_scrutin("CTA-GRE", label="CTA de Grenoble"))
    user = make_user(directory["vincent"])
    client.force_login(user)
    return user


@pytest.fixture
def admin_user(make_user):
    return make_user(None, email="gestionnaire@example.org", is_staff=True, is_superuser=True)


def test_the_profile_shows_name_corps_workplace_academie_address_and_scrutins(elector, client):
    page = client.get("/electeur/profil/").content.decode()
    for text in (
        "Dupont",
        "Vincent",
        "Professeur certifié",
        "Lycée Champollion, Grenoble",
        "Académie de Grenoble",
        "vincent.dupont@ac-grenoble.fr",
        "CTA de Grenoble",
    ):
        assert text in page


def test_a_request_is_accepted_until_the_last_instant_of_the_deadline(elector, client, clock):
    clock.set(LAST_INSTANT)
    client.force_login(elector)
    response = client.post("/electeur/profil/mise-a-jour/", FORM)
    assert response.status_code == 302
    assert response["Location"] == "/electeur/profil/"
    request = ProfileUpdateRequest.objects.get()
    assert (request.agent, request.topic, request.status) == (
        elector.agent,
        "affectation",
        "en_attente",
    )
    assert AuditEvent.objects.filter(kind=EventKind.PROFILE_REQUEST_CREATED).exists()
    page = client.get("/electeur/profil/").content.decode()
    assert "en attente d&#x27;examen" in page and "Lycée Stendhal, Grenoble" in page


def test_after_the_deadline_the_form_is_gone_and_a_post_is_refused_with_the_date(
    elector, client, clock
):
    clock.set(TOO_LATE)
    client.force_login(elector)
    page = client.get("/electeur/profil/mise-a-jour/").content.decode()
    assert "jusqu&#x27;au 14 novembre 2014 à 23:59" in page
    assert "requested_value" not in page
    response = client.post("/electeur/profil/mise-a-jour/", FORM)
    assert response.status_code == 403
    assert "14 novembre 2014" in response.content.decode()
    assert not ProfileUpdateRequest.objects.exists()


def test_the_service_refuses_a_request_after_the_deadline(elector):
    with pytest.raises(ProfileUpdatesClosed, match="14 novembre 2014"):
        profile_request_create(user=elector, at=TOO_LATE, **FORM)
    assert not ProfileUpdateRequest.objects.exists()


def test_an_incomplete_request_is_explained_and_not_recorded(elector, client):
    response = client.post(
        "/electeur/profil/mise-a-jour/", {"topic": "corps", "current_value": "x"}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not ProfileUpdateRequest.objects.exists()


def test_a_review_records_the_decision_audits_it_and_mails_the_elector(
    elector, admin_user, delivered
):
    request = profile_request_create(user=elector, at=paris(2014, 11, 1), **FORM)
    profile_request_review(
        profile_request=request,
        reviewer=admin_user,
        accept=False,
        reason="Votre affectation est celle du 1er septembre.",
        at=paris(2014, 11, 3),
    )
    request.refresh_from_db()
    assert request.status == "refusee" and request.reviewed_by == admin_user
    assert AuditEvent.objects.filter(
        kind=EventKind.PROFILE_REQUEST_REVIEWED, actor=admin_user
    ).exists()
    assert delivered("vincent.dupont@ac-grenoble.fr") == [
        "[Electionspro2014] Votre demande de mise à jour du profil : refusée"
    ]


def test_a_review_needs_a_reason_and_happens_once(elector, admin_user):
    request = profile_request_create(user=elector, at=paris(2014, 11, 1), **FORM)
    with pytest.raises(ProfileRequestError, match="motif"):
        profile_request_review(
            profile_request=request,
            reviewer=admin_user,
            accept=True,
            reason="  ",
            at=paris(2014, 11, 3),
        )
    profile_request_review(
        profile_request=request,
        reviewer=admin_user,
        accept=True,
        reason="Corrigé.",
        at=paris(2014, 11, 3),
    )
    with pytest.raises(ProfileRequestError, match="déjà été examinée"):
        profile_request_review(
            profile_request=request,
            reviewer=admin_user,
            accept=False,
            reason="Non.",
            at=paris(2014, 11, 4),
        )
    request.refresh_from_db()
    assert request.status == "acceptee"


def test_an_admin_accepts_a_request_in_the_admin_with_a_reason(
    elector, admin_user, client, delivered
):
    request = profile_request_create(user=elector, at=paris(2014, 11, 1), **FORM)
    client.force_login(admin_user)
    url = f"/admin/ballots/profileupdaterequest/{request.pk}/change/"
    assert "Lycée Stendhal" in client.get(url).content.decode()
    response = client.post(url, {"decision": "accept", "reason": "Affectation corrigée."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "acceptee" and request.review_reason == "Affectation corrigée."
    assert "[Electionspro2014] Votre demande de mise à jour du profil : acceptée" in delivered(
        "vincent.dupont@ac-grenoble.fr"
    )
    client.force_login(elector)
    assert "Affectation corrigée." in client.get("/electeur/profil/").content.decode()


def test_the_admin_refuses_a_decision_without_reason(elector, admin_user, client):
    request = profile_request_create(user=elector, at=paris(2014, 11, 1), **FORM)
    client.force_login(admin_user)
    url = f"/admin/ballots/profileupdaterequest/{request.pk}/change/"
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.is_pending


def test_accepting_a_corps_or_affectation_request_corrects_the_profile(elector, admin_user, client):
    request = profile_request_create(user=elector, at=paris(2014, 11, 1), **FORM)
    client.force_login(admin_user)
    url = f"/admin/ballots/profileupdaterequest/{request.pk}/change/"
    client.post(url, {"decision": "accept", "reason": "Vérifié auprès du rectorat."})
    elector.agent.refresh_from_db()
    assert elector.agent.workplace == "Lycée Stendhal, Grenoble"
    client.force_login(elector)
    page = client.get("/electeur/profil/").content.decode()
    assert "<dd>Lycée Stendhal, Grenoble</dd>" in page
    change = "Affectation : « Lycée Champollion, Grenoble » → « Lycée Stendhal, Grenoble »"
    assert change in html.unescape(page)
    event = AuditEvent.objects.get(kind=EventKind.PROFILE_REQUEST_REVIEWED)
    assert "Lycée Stendhal" in event.details["applied_change"]


def test_a_scrutins_request_needs_no_current_value_and_its_acceptance_changes_the_roll(
    elector, admin_user, client, make_scrutin
):
    other = make_scrutin("CAPA-GRE", label="CAPA des certifiés de Grenoble")
    response = client.post(
        "/electeur/profil/mise-a-jour/",
        {"topic": "scrutins", "current_value": "", "requested_value": "Je suis certifié."},
    )
    assert response.status_code == 302
    request = ProfileUpdateRequest.objects.get()
    client.force_login(admin_user)
    url = f"/admin/ballots/profileupdaterequest/{request.pk}/change/"
    client.post(url, {"decision": "accept", "reason": "Inscrit.", "add_to": [other.pk]})
    client.force_login(elector)
    page = client.get("/electeur/profil/").content.decode()
    assert "CAPA des certifiés de Grenoble" in page
    assert "Ajouté(e) à la liste électorale de CAPA-GRE" in page.replace("&#x27;", "'")


def test_after_the_seal_a_roll_change_is_refused_and_nothing_changes(
    elector, admin_user, make_scrutin, campaign
):
    from ballots.models import RollEntry, Seal

    other = make_scrutin("CAPA-GRE", label="CAPA de Grenoble")
    request = profile_request_create(
        user=elector,
        at=paris(2014, 11, 1),
        topic="scrutins",
        current_value="",
        requested_value="CAPA",
    )
    Seal.objects.create(
        campaign=campaign,
        sealed_at=paris(2014, 11, 20),
        sealed_closes=campaign.voting_closes,
        fingerprint="x" * 64,
    )
    with pytest.raises(ProfileRequestError, match="scellée"):
        profile_request_review(
            profile_request=request,
            reviewer=admin_user,
            accept=True,
            reason="Oui.",
            add_to=[other],
            at=paris(2014, 11, 21),
        )
    assert not RollEntry.objects.filter(scrutin=other).exists()
    request.refresh_from_db()
    assert request.is_pending


def test_another_topic_is_accepted_only_with_the_change_made(elector, admin_user):
    request = profile_request_create(
        user=elector,
        at=paris(2014, 11, 1),
        topic="nom",
        current_value="Dupond",
        requested_value="Dupont",
    )
    review = {"profile_request": request, "reviewer": admin_user, "accept": True,
              "reason": "Corrigé.", "at": paris(2014, 11, 3)}  # fmt: skip
    with pytest.raises(ProfileRequestError, match="modification effectuée"):
        profile_request_review(**review)
    profile_request_review(**review, correction="Nom corrigé dans l'annuaire : Dupond → Dupont")
    request.refresh_from_db()
    assert request.applied_change == "Nom corrigé dans l'annuaire : Dupond → Dupont"
