"""A lost notice replaced: request, approval, the authority's new code, the server's import;
the old code refused and the new one accepted; never for a scrutin already voted in."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from pypdf import PdfReader

from accounts.models import User
from ballots.models import BoardEvent, NoticeReplacement, Participation, PublicCredential
from ballots.protocol import verify_archive
from ballots.services.archive import archive_export
from ballots.services.credential_replacements import replacements_generate, replacements_import
from ballots.services.notice_replacements import (
    NoticeReplacementRefused,
    notice_replacement_request,
    notice_replacement_review,
)
from ballots.services.voting import WrongCode, vote_cast
from core.csvfiles import ImportRejected
from core.models import AuditEvent

CODE = re.compile(r"(?<![\w-])[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}-[0-9A-Z*~$=](?![\w*~$=-])")


@pytest.fixture
def approver(db):
    user = User.objects.create_user("rectorat@ac-grenoble.fr", "Approbateur2014", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="approve_notice_replacement"))
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def replace(campaign, approver, times, tmp_path):
    """replace(user): request, approval, the authority's new notice, the import; returns the
    new code as printed on the notice (read from the PDF's text)."""

    def run(user, *, import_it=True):
        request = notice_replacement_request(
            agent=user.agent, campaign=campaign, reason="perdue", by=user, at=times.during
        )
        notice_replacement_review(replacement=request, approve=True, by=approver, at=times.during)
        out = tmp_path / f"remplacement-{request.pk}"
        replacements_generate(campaign=campaign, out_dir=out)
        text = "".join(
            page.extract_text()
            for pdf in (out / "remise-etablissement" / "notices").glob("*.pdf")
            for page in PdfReader(pdf).pages
        )
        assert "Notice de vote de remplacement" in text
        if import_it:
            replacements_import(
                campaign=campaign, source=out / "identifiants-remplaces.csv", at=times.during
            )
        return CODE.findall(text)[0], out

    return run


def cast(user, scrutin, code, times, choice="blanc"):
    return vote_cast(
        user=user, scrutin=scrutin, choice=choice, code=code, at=times.during, receipt_mail=False
    )


def test_a_replaced_code_is_refused_and_the_new_one_accepted(
    campaign, sealed, electors, scrutins, replace, times, tmp_path
):
    user = electors[0]
    old_code = sealed[user.agent.identifier]
    new_code, _out = replace(user)

    with pytest.raises(WrongCode):
        cast(user, scrutins["cta"], old_code, times)
    assert not Participation.objects.exists()
    receipt = cast(user, scrutins["cta"], new_code, times)
    assert receipt.tracker
    assert cast(user, scrutins["capd"], new_code, times).tracker

    events = BoardEvent.objects.filter(kind="credential_replaced").order_by("height")
    assert [event.scrutin for event in events] == ["CAPD-38", "CTA-GRE"]
    for event in events:
        payload = json.loads(event.payload)
        assert set(payload) == {"new", "old", "scrutin"}
        assert user.agent.identifier not in event.payload
    assert NoticeReplacement.objects.get().status == NoticeReplacement.Status.ISSUED
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {
        "notice_replacement_requested",
        "notice_replacement_reviewed",
        "credentials_replaced",
    } <= kinds
    archive = tmp_path / "archive.jsonl"
    archive_export(campaign=campaign, path=archive)
    report = verify_archive(archive, workers=1, require_count=False)
    assert report.ok, report.failures
    assert report.replacements == {"CAPD-38": 1, "CTA-GRE": 1}


def test_no_replacement_for_an_elector_who_voted_in_every_scrutin(
    campaign, sealed, electors, scrutins, times
):
    user = electors[0]
    code = sealed[user.agent.identifier]
    cast(user, scrutins["cta"], code, times)
    cast(user, scrutins["capd"], code, times)
    with pytest.raises(NoticeReplacementRefused, match="déjà voté"):
        notice_replacement_request(
            agent=user.agent, campaign=campaign, reason="perdue", by=user, at=times.during
        )
    assert not NoticeReplacement.objects.exists()


def test_approval_is_refused_once_the_elector_has_voted_everywhere(
    campaign, sealed, electors, scrutins, approver, times
):
    user = electors[3]  # on CTA-GRE only
    request = notice_replacement_request(
        agent=user.agent, campaign=campaign, reason="abîmée", by=user, at=times.during
    )
    cast(user, scrutins["cta"], sealed[user.agent.identifier], times)
    with pytest.raises(NoticeReplacementRefused, match="déjà voté"):
        notice_replacement_review(replacement=request, approve=True, by=approver, at=times.during)
    request.refresh_from_db()
    assert request.status == NoticeReplacement.Status.PENDING


def test_the_import_refuses_a_scrutin_voted_in_since_the_approval_and_changes_nothing(
    campaign, sealed, electors, scrutins, replace, times
):
    user = electors[0]
    old_code = sealed[user.agent.identifier]
    _new_code, out = replace(user, import_it=False)
    cast(user, scrutins["cta"], old_code, times)  # votes with the old notice meanwhile
    before = set(PublicCredential.objects.values_list("credential", "replaced"))
    with pytest.raises(ImportRejected) as refused:
        replacements_import(
            campaign=campaign, source=out / "identifiants-remplaces.csv", at=times.during
        )
    assert any("déjà voté" in str(error) for error in refused.value.errors)
    assert set(PublicCredential.objects.values_list("credential", "replaced")) == before
    assert not BoardEvent.objects.filter(kind="credential_replaced").exists()
    assert cast(user, scrutins["capd"], old_code, times).tracker  # the old code still works


def test_a_second_request_while_one_is_open_is_refused(campaign, sealed, electors, times):
    user = electors[1]
    notice_replacement_request(
        agent=user.agent, campaign=campaign, reason="perdue", at=times.during
    )
    with pytest.raises(NoticeReplacementRefused, match="déjà en cours"):
        notice_replacement_request(
            agent=user.agent, campaign=campaign, reason="encore", at=times.during
        )


def test_approval_needs_the_dedicated_permission(campaign, sealed, electors, times):
    clerk = User.objects.create_user("guichet@ac-grenoble.fr", "Guichet2014", is_staff=True)
    request = notice_replacement_request(
        agent=electors[1].agent, campaign=campaign, reason="perdue", at=times.during
    )
    with pytest.raises(NoticeReplacementRefused, match="habilité"):
        notice_replacement_review(replacement=request, approve=True, by=clerk, at=times.during)


def test_the_elector_page_explains_the_notice_and_records_a_request(
    client, campaign, sealed, electors, clock
):
    client.force_login(electors[0])
    page = client.get("/electeur/notice-de-vote/").content.decode()
    assert "document papier personnel" in page and 'name="reason"' in page

    refused = client.post("/electeur/notice-de-vote/", {"reason": "  "})
    assert refused.status_code == 200 and "obligatoire" in refused.content.decode()
    assert not NoticeReplacement.objects.exists()

    done = client.post("/electeur/notice-de-vote/", {"reason": "Perdue lors d'un déménagement"})
    assert done.status_code == 302
    request = NoticeReplacement.objects.get()
    assert request.status == NoticeReplacement.Status.PENDING and not request.by_guichet
    assert "en attente" in client.get("/electeur/notice-de-vote/").content.decode()


def test_the_commands_replace_and_import(
    campaign, sealed, electors, approver, times, tmp_path, clock
):
    request = notice_replacement_request(
        agent=electors[4].agent,
        campaign=campaign,
        reason="perdue",
        delivery="courrier",
        at=times.during,
    )
    notice_replacement_review(replacement=request, approve=True, by=approver, at=times.during)
    out = tmp_path / "autorite"
    call_command("replace_credentials", campaign=campaign.slug, out=str(out))
    assert (out / "envoi-courrier" / "envoi-postal.csv").exists()
    call_command(
        "import_replacements", str(out / "identifiants-remplaces.csv"), campaign=campaign.slug
    )
    assert BoardEvent.objects.filter(kind="credential_replaced").count() == 1
