"""The voting booth in Chromium: Valérie Dupont votes in her three open scrutins in one
visit with JavaScript, audits a ballot on the way, and no request ever carries her
choice or her voting code; the ballots are the server's and the verifier's; then
Vincent votes without JavaScript."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from ballots.booth_assets import booth_hashes
from ballots.models import BoardEvent, Participation, Scrutin
from verifier.ballot import parse_ballot, verify_ballot
from verifier.manifest import Manifest

ADDRESS = "valerie.dupont@ac-grenoble.fr"
PASSWORD = "Electeur2014"
CAMPAIGN = "electionspro2014"


def log_in(page, address: str = ADDRESS, password: str = PASSWORD) -> None:
    page.goto("/electeur/connexion/")
    page.get_by_role("textbox", name=re.compile("^Adresse électronique")).fill(address)
    page.get_by_label(re.compile("^Mot de passe")).fill(password)
    page.get_by_role("button", name="Accéder").click()
    page.wait_for_url("**/electeur/")


def open_booth(page) -> None:
    page.goto("/electeur/isoloir/")
    page.locator("html[data-isoloir=pret]").wait_for(state="attached")
    assert page.locator("h1").inner_text() == "Isoloir : voter à mes scrutins"


def record_bodies(page) -> list[str]:
    """Every request's URL and body, as the server would receive them."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(f"{request.url}\n{request.post_data or ''}"))
    return seen


def test_valerie_votes_in_her_three_scrutins_in_one_visit_and_audits_one(
    page, seed_demo, check_page, tmp_path
):
    demo = seed_demo()
    code = demo.codes["vdupont2"]
    bodies = record_bodies(page)
    log_in(page)
    open_booth(page)
    check_page(page, "isoloir-code", docs="20-isoloir-code")

    # A typo in the code is caught on the device, with a French message.
    page.get_by_label(re.compile("^Code de vote")).fill(
        code[:-1] + ("0" if code[-1] != "0" else "1")
    )
    page.get_by_role("button", name="Continuer").click()
    assert "mal saisi" in page.locator("#isoloir-code-erreur").inner_text()
    page.get_by_label(re.compile("^Code de vote")).fill(code.lower())
    page.get_by_role("button", name="Continuer").click()

    chosen = {}
    for number in range(3):
        title = page.locator("#etape-bulletin-titre")
        assert title.inner_text().startswith(f"Scrutin {number + 1} sur 3")
        if number == 0:  # nothing chosen: told so, nothing lost
            page.get_by_role("button", name="Scrutin suivant").click()
            assert "Choisissez une liste" in page.locator("#isoloir-choix-erreur").inner_text()
        radios = page.locator("#isoloir-options input[type=radio]")
        pick = radios.nth(0 if number < 2 else radios.count() - 1)  # the last is blank
        label = page.locator(f"label[for='{pick.get_attribute('id')}']")
        chosen[number] = label.inner_text().splitlines()[0].strip()
        label.click()
        if number == 1:
            check_page(page, "isoloir-bulletin", docs="21-isoloir-bulletin")
        page.get_by_role(
            "button", name=re.compile("^(Scrutin suivant|Vérifier mes choix)$")
        ).click()

    assert page.locator("#etape-resume-titre").inner_text() == "Vérifiez vos choix"
    summary = page.locator("#isoloir-resume > li")
    assert summary.count() == 3
    trackers = [item.locator("dd.portal-tracker").inner_text() for item in summary.all()]
    assert all(re.fullmatch(r"[0-9A-Z]{4}( [0-9A-Z]{4})+", t) for t in trackers), trackers
    check_page(page, "isoloir-resume", docs="22-isoloir-resume")

    # Audit the first ballot: revealed, downloaded, checked, replaced by a fresh one.
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("^Auditer ce bulletin")).first.click()
        page.get_by_role("link", name="Télécharger le fichier d'audit").click()
    audit_path = tmp_path / "audit.json"
    download.value.save_as(audit_path)
    run = subprocess.run(
        [sys.executable, "-m", "verifier.audit", str(audit_path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    audited = json.loads(audit_path.read_text())
    audited_tracker = page.locator("#isoloir-audit-details dd.portal-tracker").inner_text()
    assert audited_tracker == trackers[0]
    assert audited_tracker in run.stdout
    new_first = summary.first.locator("dd.portal-tracker").inner_text()
    assert new_first != trackers[0]
    check_page(page, "isoloir-audit", docs="23-isoloir-audit")
    with page.context.expect_page() as popup:
        page.get_by_role("button", name="Faire vérifier par le portail (nouvel onglet)").click()
    checked = popup.value
    checked.wait_for_load_state()
    assert "Audit réussi" in checked.locator("main").inner_text()
    assert chosen[0] in checked.locator("main").inner_text()
    checked.close()

    page.get_by_role("button", name="Valider mes 3 votes (définitif)").click()
    page.locator("#etape-recus-titre").wait_for()
    assert page.locator("#etape-recus-titre").inner_text() == "Vos votes ont été enregistrés"
    receipts = page.locator("#isoloir-recus > li")
    assert receipts.count() == 3
    cast_trackers = [item.locator("dd.portal-tracker").inner_text() for item in receipts.all()]
    assert cast_trackers[0] == new_first and cast_trackers[1:] == trackers[1:]
    check_page(page, "isoloir-recus", docs="24-isoloir-recus")

    # Final in the database, marked as encrypted by the elector's device, and valid.
    from accounts.models import User

    valerie = User.objects.get(email=ADDRESS)
    mine = Participation.objects.filter(agent_id=valerie.agent_id, scrutin__campaign__slug=CAMPAIGN)
    assert mine.count() == 3
    events = BoardEvent.objects.filter(campaign__slug=CAMPAIGN, kind="ballot")
    assert sorted(e.encrypted_by for e in events) == ["client"] * 3
    for event in events:
        scrutin = Scrutin.objects.get(campaign__slug=CAMPAIGN, code=event.scrutin)
        manifest = Manifest.from_json(scrutin.manifest)
        assert manifest.booth == booth_hashes()  # the real scripts' hashes, in the fingerprint
        verify_ballot(parse_ballot(event.payload.encode()), manifest=manifest)
    assert audited["ballot"]["slots"][0]["alpha"] not in "".join(e.payload for e in events)

    # Nothing the server received carries the code or a choice in clear.
    posted = [body for body in bodies if "\n" in body and body.split("\n", 1)[1]]
    assert len([b for b in posted if "/voter/" in b]) == 3
    for body in bodies:
        assert code not in body.upper().replace("-", "")
        assert "choice" not in body
    votes = [b.split("\n", 1)[1] for b in posted if "/voter/" in b]
    for body in votes:
        for label in chosen.values():
            assert label not in body
    stored = page.evaluate(
        "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage),"
        " document.cookie, location.href])"
    )
    assert code not in stored.upper().replace("-", "")
