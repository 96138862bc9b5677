"""The box's commands and its second channel: the credential authority's files, the server's
import, the trustees' three steps, the voting code at step 2 (wrong codes slow down, never
lock out), a ballot made in the browser, and an account taken over without the code."""

import io
import json
import os
import re
import stat
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ballots.models import BoardEvent, ElectionKey, Participation, PublicCredential
from ballots.protocol import Manifest, ballot_bytes, derive_credential, make_ballot
from ballots.trustee_side import open_key
from webmail_auth.models import Message

URL = "/electeur/scrutins/CTA-GRE/voter/"
PASSPHRASE = "une phrase de passe assez longue"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def nothing_written() -> bool:
    return (
        not Participation.objects.exists() and not BoardEvent.objects.filter(kind="ballot").exists()
    )


# --- The credential authority and the server's import --------------------------------------


@pytest.fixture
def authority(campaign, scrutins, tmp_path):
    """generate_credentials run by the authority: its two files, nothing in the database."""
    run("generate_credentials", "--campaign", campaign.slug, "--out", str(tmp_path / "ca"))
    assert not PublicCredential.objects.exists()
    return tmp_path / "ca"


def test_the_authority_writes_secret_codes_and_a_public_file(authority, electors):
    codes = authority / "codes-de-vote.csv"
    assert stat.S_IMODE(os.stat(codes).st_mode) == 0o600
    rows = codes.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "identifiant,nom,prenom,academie,affectation,email,code"
    assert len(rows) == 1 + len(electors)  # one code per elector, whatever their scrutins
    assert all(re.fullmatch(r"([0-9A-Z]{4}-){4}[0-9A-Z*~$=U]", r.split(",")[-1]) for r in rows[1:])
    public = (authority / "identifiants-publics.csv").read_text(encoding="utf-8")
    assert public.splitlines()[0] == "identifiant,scrutin,identifiant_public"
    assert len(public.splitlines()) == 1 + 6 + 3  # CTA-GRE's 6 and CAPD-38's 3, no paper
    for row in rows[1:]:
        assert row.split(",")[-1] not in public


def test_the_import_checks_every_row_and_writes_nothing_on_a_fault(authority, campaign):
    public = authority / "identifiants-publics.csv"
    lines = public.read_text(encoding="utf-8").splitlines()
    identifier, scrutin, point = lines[1].split(",")
    broken = [
        lines[0],
        f"{identifier},{scrutin},{'00' * 32}",  # not a point of the group
        f"inconnu,{scrutin},{point}",
        f"{identifier},CCP-PAP,{point}",
        *lines[2:],
    ]
    bad = authority / "bad.csv"
    bad.write_text("\n".join(broken) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run("import_credentials", str(bad), "--campaign", campaign.slug)
    message = str(refused.value)
    assert "line 2: identifiant_public: point invalide du groupe" in message
    assert "line 3: identifiant: agent inconnu" in message
    assert "line 4: scrutin: pas un scrutin par internet de la campagne" in message
    assert not PublicCredential.objects.exists()

    missing = authority / "missing.csv"
    missing.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 inscription"):
        run("import_credentials", str(missing), "--campaign", campaign.slug)
    assert not PublicCredential.objects.exists()

    assert "9 identifiant(s)" in run("import_credentials", str(public), "--campaign", campaign.slug)
    again = run("import_credentials", str(public), "--campaign", campaign.slug)
    assert "9 identifiant(s)" in again and PublicCredential.objects.count() == 9


# --- The trustees' ceremony through the commands --------------------------------------------


def test_three_trustees_make_the_key_in_three_steps_without_the_passphrase_on_the_command_line(
    campaign, scrutins, tmp_path, monkeypatch
):
    monkeypatch.setenv("ELECTIONSPRO_TRUSTEE_PASSPHRASE", PASSPHRASE)
    ceremony = str(tmp_path / "ceremonie.json")
    run("trustees_export", "--campaign", campaign.slug, "--trustees", "3", "--threshold", "2",
        "--out", ceremony)  # fmt: skip
    for step in (1, 2, 3):
        messages = []
        for index in (1, 2, 3):
            out = str(tmp_path / f"etape{step}-{index}.json")
            extra = ["--index", str(index), "--name", f"Scrutateur {index}"] if step == 1 else []
            key = str(tmp_path / f"cle-{index}")
            run("trustee_keygen", "--step", str(step), "--ceremony", ceremony,
                "--key", key, "--out", out, "--kdf", "demo", *extra)  # fmt: skip
            messages.append(out)
        status = run("trustees_import", *messages, "--campaign", campaign.slug)
        run("trustees_export", "--campaign", campaign.slug, "--out", ceremony)
    assert "Clé de l'élection prête" in status
    key = ElectionKey.objects.get(campaign=campaign)
    assert key.ready and len(key.transcript["trustees"]) == 3
    for index in (1, 2, 3):
        path = tmp_path / f"cle-{index}"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert PASSPHRASE.encode() not in path.read_bytes()
        secrets = open_key(path.read_bytes(), passphrase=PASSPHRASE)
        assert secrets["coefficients"] == [] and secrets["share"]  # only the share is left
        assert secrets["share"] not in json.dumps(key.transcript)
    with pytest.raises(CommandError, match="la phrase de passe ne l'ouvre pas"):
        monkeypatch.setenv("ELECTIONSPRO_TRUSTEE_PASSPHRASE", "une autre phrase de passe")
        run("trustee_keygen", "--step", "2", "--ceremony", ceremony, "--key",
            str(tmp_path / "cle-1"), "--out", str(tmp_path / "x.json"))  # fmt: skip
    with pytest.raises(TypeError, match="Unknown option"):  # never an argument
        call_command("trustee_keygen", "--step", "2", "--ceremony", ceremony,
                     "--key", "k", "--out", "o", passphrase=PASSPHRASE)  # fmt: skip


# --- Step 2: the voting code --------------------------------------------------------------


@pytest.fixture
def voter(client, electors, sealed, clock):
    client.force_login(electors[0])
    client.voting_code = sealed[electors[0].agent.identifier]
    return client


def test_a_wrong_code_writes_nothing_and_repeated_ones_slow_down_without_locking_out(
    voter, scrutins, choice_of, clock, electors, sealed
):
    choice = choice_of(scrutins["cta"], "UNSA")
    someone_else = sealed[electors[1].agent.identifier]
    typo = voter.voting_code[:-1] + ("1" if voter.voting_code.endswith("0") else "0")
    for code in (typo, someone_else, "ABCD"):
        response = voter.post(URL, {"choice": choice, "code": code, "confirm": "1"})
        assert response.status_code == 400
        assert "pas été enregistré" in response.content.decode()
    assert nothing_written()
    # Past three wrong codes, even the right one waits (never a lockout)...
    waited = voter.post(URL, {"choice": choice, "code": voter.voting_code, "confirm": "1"})
    assert waited.status_code == 429 and "patientez 5 secondes" in waited.content.decode()
    assert waited["Retry-After"] == "5"
    assert nothing_written()
    clock.set(clock.now + timedelta(seconds=6))
    voter.force_login(electors[0])
    done = voter.post(URL, {"choice": choice, "code": voter.voting_code, "confirm": "1"})
    assert done.status_code == 200 and "Votre vote a été enregistré" in done.content.decode()
    assert BoardEvent.objects.get(kind="ballot").encrypted_by == "server"


def test_numen_webmail_and_a_password_reset_without_the_code_cannot_vote(
    client, electors, sealed, scrutins, choice_of, clock
):
    """Whoever has the NUMEN reads the webmail, so gets a reset link and the account; the
    code on the paper notice is the second channel they do not have."""
    victim = electors[0]
    assert client.post("/electeur/mot-de-passe-oublie/", {"email": victim.email}).status_code == 302
    mail = Message.objects.filter(agent=victim.agent).latest("sent_at").body_text
    link = re.search(r"http://testserver(/electeur/reinitialiser/[^/\s]+/[^/\s]+/)", mail).group(1)
    form = client.get(link, follow=True)
    new = {"new_password1": "Usurpateur2014x", "new_password2": "Usurpateur2014x"}
    client.post(form.redirect_chain[-1][0], new)
    assert (
        client.post(
            "/electeur/connexion/", {"username": victim.email, "password": "Usurpateur2014x"}
        ).status_code
        == 302
    )
    choice = choice_of(scrutins["cta"], "SGEN")
    assert client.post(URL, {"choice": choice}).status_code == 200  # the account is theirs...
    for guess in ("", "AAAA-AAAA-AAAA-AAAA-A"):
        refused = client.post(URL, {"choice": choice, "code": guess, "confirm": "1"})
        assert refused.status_code == 400  # ...the vote is not
    refused = client.post(URL, {"choice": choice, "password": "Usurpateur2014x", "confirm": "1"})
    assert refused.status_code == 400
    assert nothing_written()


# --- Step 2 from the booth: a ballot made in the browser ----------------------------------


def browser_ballot(campaign, scrutin, code: str, slot: int, **changes) -> str:
    scrutin.refresh_from_db()
    secret, _public = derive_credential(code=code, campaign=campaign.slug, scrutin=scrutin.code)
    manifest = Manifest.from_json(scrutin.manifest)
    ballot = make_ballot(
        manifest_fingerprint=manifest.fingerprint,
        scrutin=scrutin.code,
        public_key=manifest.public_key_point,
        slot_count=len(manifest.slots),
        choice_index=slot,
        credential_secret=secret,
        enc="client",
    )
    ballot.update(changes)
    return ballot_bytes(ballot).decode()


def test_a_ballot_made_in_the_browser_goes_through_the_same_acceptance(
    voter, campaign, scrutins, electors, sealed
):
    cta = scrutins["cta"]
    mine = browser_ballot(campaign, cta, voter.voting_code, 2)
    others = browser_ballot(campaign, cta, sealed[electors[1].agent.identifier], 1)
    for ballot, why in [
        ("{not json", "illisible"),
        (mine.replace(":", ": ", 1), "forme canonique"),
        (others, "pas signé par votre identifiant"),  # a replayed ballot of someone else
        (browser_ballot(campaign, cta, voter.voting_code, 1, enc="server"), "signature"),
    ]:
        response = voter.post(URL, {"ballot": ballot, "confirm": "1"})
        assert response.status_code == 400, why
        assert (
            why in response.content.decode() and "pas été enregistré" in response.content.decode()
        )
        assert nothing_written()
    response = voter.post(URL, {"ballot": mine, "confirm": "1"})
    assert response.status_code == 200
    event = BoardEvent.objects.get(kind="ballot")
    assert event.encrypted_by == "client" and event.payload == mine
    box = voter.get("/urne/CTA-GRE/").content.decode()
    assert "Bulletins chiffrés par le navigateur" in box
