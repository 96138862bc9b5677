"""The booth's server side: its page (and its CSP alone allowing WebAssembly), the JSON
answer to a posted ballot, tampered ballots refused in French, the audit page that casts
nothing and locks the audited ballot out, and the booth's hashes in the fingerprint."""

import json
import shutil

import pytest

from ballots import booth_assets
from ballots.booth_assets import booth_hashes
from ballots.models import BoardEvent, Participation, Scrutin
from ballots.services.credentials import scrutin_credentials
from ballots.services.manifests import scrutin_manifest
from verifier.ballot import ballot_bytes, make_ballot
from verifier.credentials import derive_credential
from verifier.group import point_from_hex
from verifier.manifest import Manifest

BOOTH = "/electeur/isoloir/"
VOTE = "/electeur/scrutins/CTA-GRE/voter/?campagne={}"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def voter(client, electors, sealed, clock):
    client.force_login(electors[0])
    client.code = sealed[electors[0].agent.identifier]
    return client


def booth_ballot(scrutin: Scrutin, code: str, *, choice: int, keep=None) -> dict:
    """What the booth makes (enc "client"), with the randomness kept in `keep` if given."""
    manifest = Manifest.from_json(scrutin.manifest)
    secret, _public = derive_credential(
        code=code, campaign=scrutin.campaign.slug, scrutin=scrutin.code
    )
    randomness = None
    if keep is not None:
        from verifier.group import random_scalar

        randomness = [random_scalar() for _ in manifest.slots]
        keep.extend(randomness)
    return make_ballot(
        manifest_fingerprint=manifest.fingerprint,
        scrutin=scrutin.code,
        public_key=point_from_hex(manifest.public_key),
        slot_count=len(manifest.slots),
        choice_index=choice,
        credential_secret=secret,
        enc="client",
        randomness=randomness,
    )


def post_ballot(client, scrutin, ballot: dict):
    data = {"ballot": ballot_bytes(ballot).decode(), "confirm": "1"}
    return client.post(VOTE.format(scrutin.campaign.slug), data, **JSON)


def csp(response) -> str:
    return response.headers["Content-Security-Policy"]


def test_only_the_booth_page_allows_webassembly(voter, scrutins):
    booth = voter.get(BOOTH)
    assert booth.status_code == 200
    assert "'wasm-unsafe-eval'" in csp(booth)
    for url in ("/", "/electeur/", VOTE.format(scrutins["cta"].campaign.slug), "/audit/"):
        response = voter.get(url)
        assert response.status_code == 200, url
        assert "wasm" not in csp(response), url
        assert "script-src 'self' 'nonce-" in csp(response), url


def test_the_booth_page_loads_its_modules_with_their_integrity(voter, scrutins):
    page = voter.get(BOOTH).content.decode()
    files = booth_assets.booth_files()
    assert {f.name for f in files} >= {
        "booth.mjs",
        "protocol.mjs",
        "vendor/libsodium-wrappers-sumo-0.8.4.mjs",
        "vendor/libsodium-sumo-0.8.4.mjs",
    }
    for item in files:
        assert f"sha384-{item.integrity}" in page, item.name
    assert '<script type="module" src="/static/booth/booth.mjs?v=' in page
    data = json.loads(page.split('id="isoloir-scrutins" type="application/json">')[1].split("<")[0])
    assert [item["code"] for item in data] == ["CAPD-38", "CTA-GRE"]
    assert all(item["manifest"]["booth"] == booth_hashes() for item in data)


def test_a_booth_ballot_gets_a_json_receipt_and_is_marked_client(voter, scrutins):
    cta = Scrutin.objects.get(pk=scrutins["cta"].pk)
    response = post_ballot(voter, cta, booth_ballot(cta, voter.code, choice=1))
    assert response.status_code == 200
    answer = response.json()
    assert answer["ok"] and len(answer["tracking_number"]) == 52 and len(answer["head"]) == 64
    event = BoardEvent.objects.get(kind="ballot")
    assert event.encrypted_by == "client" and event.tracking_number == answer["tracking_number"]
    assert "FSU" not in response.content.decode()


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        ("alpha", "valeur chiffrée invalide|preuves du bulletin reçu ne sont pas valides"),
        ("proof", "preuves du bulletin reçu ne sont pas valides"),
        ("signature", "signature du bulletin reçu n'est pas valide"),
    ],
)
def test_a_tampered_ballot_is_refused_in_french_and_nothing_is_written(
    voter, scrutins, tamper, message
):
    import re

    cta = Scrutin.objects.get(pk=scrutins["cta"].pk)
    ballot = booth_ballot(cta, voter.code, choice=2)
    if tamper == "alpha":
        alpha = ballot["slots"][1]["alpha"]
        ballot["slots"][1]["alpha"] = alpha[:10] + ("0" if alpha[10] != "0" else "1") + alpha[11:]
    elif tamper == "proof":
        ballot["slots"][0]["proof"]["s0"] = ballot["slots"][1]["proof"]["s0"]
    else:
        ballot["signature"]["response"] = ballot["sum_proof"]["response"]
    response = post_ballot(voter, cta, ballot)
    assert response.status_code == 400
    answer = response.json()
    assert not answer["ok"] and re.search(message, answer["message"]), answer
    assert "Votre vote n'a pas été enregistré" in answer["message"]
    assert not Participation.objects.exists() and not BoardEvent.objects.filter(kind="ballot")


def audit_document(scrutin: Scrutin, ballot: dict, choice: int, randomness) -> str:
    return json.dumps(
        {
            "ballot": ballot,
            "choice": choice,
            "manifest": scrutin.manifest,
            "randomness": [r.to_bytes(32, "little").hex() for r in randomness],
        }
    )


def test_the_audit_page_checks_casts_nothing_and_the_audited_ballot_is_refused_later(
    client, voter, scrutins, electors
):
    cta = Scrutin.objects.get(pk=scrutins["cta"].pk)
    randomness = []
    ballot = booth_ballot(cta, voter.code, choice=1, keep=randomness)
    client.logout()  # the audit page is public: anyone may check an audit file
    page = client.post("/audit/", {"audit": audit_document(cta, ballot, 1, randomness)})
    text = page.content.decode()
    assert page.status_code == 200 and "Audit réussi" in text and "FSU" in text
    assert "le portail refusera toujours de le déposer" in text
    assert not Participation.objects.exists() and not BoardEvent.objects.filter(kind="ballot")

    voter.force_login(electors[0])
    refused = post_ballot(voter, cta, ballot)
    assert refused.status_code == 400
    assert "dévoilé par un audit" in refused.json()["message"]
    assert not Participation.objects.exists()
    # A fresh ballot (new randomness, as the booth makes after an audit) is accepted.
    assert post_ballot(voter, cta, booth_ballot(cta, voter.code, choice=1)).status_code == 200


def test_an_audit_that_does_not_hold_says_so_in_french(client, voter, scrutins):
    cta = Scrutin.objects.get(pk=scrutins["cta"].pk)
    randomness = []
    ballot = booth_ballot(cta, voter.code, choice=1, keep=randomness)
    page = client.post("/audit/", {"audit": audit_document(cta, ballot, 2, randomness)})
    assert page.status_code == 400
    assert "le bulletin ne chiffre pas le choix révélé" in page.content.decode()
    assert client.post("/audit/", {"audit": "{pas du json"}).status_code == 400
    empty = client.post("/audit/", {"audit": ""})
    assert empty.status_code == 400 and "Collez le contenu" in empty.content.decode()
    # A failed audit locks nothing: the same ballot may still be cast.
    assert post_ballot(voter, cta, ballot).status_code == 200


def test_a_changed_byte_of_the_booth_changes_the_election_fingerprint(
    sealed, scrutins, tmp_path, monkeypatch
):
    cta = Scrutin.objects.get(pk=scrutins["cta"].pk)
    key = cta.campaign.election_key
    credentials = scrutin_credentials(cta.pk)
    before = scrutin_manifest(cta, key=key, credentials=credentials)
    assert before.fingerprint == cta.fingerprint
    assert before.booth["static/booth/booth.mjs"] == booth_hashes()["static/booth/booth.mjs"]

    copy = tmp_path / "booth"
    shutil.copytree(booth_assets.BOOTH_DIR, copy)
    script = copy / "booth.mjs"
    data = bytearray(script.read_bytes())
    data[-2] ^= 1
    script.write_bytes(bytes(data))
    monkeypatch.setattr(booth_assets, "BOOTH_DIR", copy)
    after = scrutin_manifest(cta, key=key, credentials=credentials)
    assert after.booth["static/booth/booth.mjs"] != before.booth["static/booth/booth.mjs"]
    assert after.fingerprint != before.fingerprint
