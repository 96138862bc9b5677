"""End to end: keys → seal → electors vote through the pages → close → tally → results."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command

from ballots.models import Ballot

PARIS = ZoneInfo("Europe/Paris")

# elec1..elec6 on CTA-GRE; elec1..elec3 also on CAPD-38.
CTA_VOTES = {"elec1": "FSU", "elec2": "FSU", "elec3": "FSU", "elec4": "UNSA", "elec5": "blanc"}
CAPD_VOTES = {"elec1": "SNES", "elec2": "SE"}


def vote(client, user, code: str, choice: str) -> str:
    """Walk the two steps of the ballot; return the receipt page."""
    url = f"/electeur/scrutins/{code}/voter/"
    client.force_login(user)
    assert client.get(url).status_code == 200
    assert client.post(url, {"choice": choice}).status_code == 200
    receipt = client.post(url, {"choice": choice, "password": "Electeur2014", "confirm": "1"})
    assert receipt.status_code == 200
    return receipt.content.decode()


def test_seed_seal_vote_close_tally_and_read_the_exact_result(
    client, campaign, scrutins, electors, choice_of, clock, tmp_path
):
    out = tmp_path / "parts"
    call_command(
        "generate_keys", campaign="electionspro2014", trustees=3, threshold=2, out=str(out)
    )
    call_command("seal_campaign", campaign="electionspro2014")

    clock.set(datetime(2014, 11, 28, 9, 0, tzinfo=PARIS))
    users = {user.agent.identifier: user for user in electors}
    receipts = {}
    for name, acronym in CTA_VOTES.items():
        page = vote(client, users[name], "CTA-GRE", choice_of(scrutins["cta"], acronym))
        receipts[name] = page
    for name, acronym in CAPD_VOTES.items():
        vote(client, users[name], "CAPD-38", choice_of(scrutins["capd"], acronym))

    # During the vote: a public count, never content; the box is not yet shown.
    turnout = client.get("/participation/").content.decode()
    assert "CTA de Grenoble" in turnout and "83,33 %" in turnout  # 5 / 6
    assert "pas encore" not in turnout
    assert "seront publiés après la clôture" in client.get("/urne/CTA-GRE/").content.decode()

    clock.set(datetime(2014, 12, 4, 17, 30, tzinfo=PARIS))
    shares = sorted(out.iterdir())
    call_command(
        "tally",
        campaign="electionspro2014",
        share=[str(shares[0]), str(shares[2])],
        stdout=io.StringIO(),
    )
    # Stored, but not public before the results date.
    assert "seront publiés à partir du" in client.get("/resultats/CTA-GRE/").content.decode()

    clock.set(datetime(2014, 12, 5, 0, 0, tzinfo=PARIS))
    page = client.get("/resultats/CTA-GRE/").content.decode()
    # 6 registered, 5 voters (83,33 %), 1 blank, 0 invalid, 4 valid; FSU 3 (75 %), UNSA 1.
    # 3 seats, quotient 4/3: FSU 2, UNSA 0; last seat FSU 3/3 = 1 = UNSA 1/1, FSU has more.
    for cell in [
        "<td>6</td><td>5</td>",
        "<td>83,33 %</td><td>1</td>",
        "<td>0</td><td>4</td>",
        "<td>3</td><td>75,00 %</td><td>3</td>",
        "<td>1</td><td>25,00 %</td><td>0</td>",
        "<td>0</td><td>0,00 %</td><td>0</td>",
    ]:
        assert cell in page.replace("\n", "").replace("        ", "").replace("      ", ""), cell
    assert "Procès-verbal" in page
    assert client.get("/resultats/CTA-GRE/proces-verbal/").status_code == 200
    index = client.get("/resultats/").content.decode()
    assert "CTA de Grenoble" in index and "CAPD de l&#x27;Isère" in index

    # The box: every receipt's tracker is found in it.
    box = client.get("/urne/CTA-GRE/").content.decode()
    for ballot in Ballot.objects.filter(scrutin=scrutins["cta"]):
        assert ballot.display_tracker in box
    tracker = next(
        t
        for t in Ballot.objects.values_list("tracker", flat=True)
        if Ballot.objects.get(tracker=t).display_tracker in receipts["elec4"]
    )
    found = client.get("/urne/CTA-GRE/", {"suivi": tracker.lower()}).content.decode()
    assert "est bien dans l'urne" in found
    missing = client.get("/urne/CTA-GRE/", {"suivi": "AAAA-BBBB"}).content.decode()
    assert "Aucun bulletin AAAA-BBBB dans cette urne" in missing

    export = tmp_path / "resultats.csv"
    call_command("export_results", str(export), campaign="electionspro2014", stdout=io.StringIO())
    rows = list(csv.DictReader(export.open(encoding="utf-8")))
    assert rows[0] == {
        "scrutin": "CAPD-38",
        "libelle": "CAPD de l'Isère",
        "inscrits": "3",
        "votants": "2",
        "blancs": "0",
        "nuls": "0",
        "exprimes": "2",
        "participation": "66.67",
        "sigle": "SNES",
        "organisation": "Organisation SNES",
        "voix": "1",
        "pourcentage": "50.00",
        "sieges": "1",
    }
    assert [(r["scrutin"], r["sigle"], r["voix"], r["sieges"]) for r in rows] == [
        ("CAPD-38", "SNES", "1", "1"),
        ("CAPD-38", "SE", "1", "1"),
        ("CTA-GRE", "FSU", "3", "3"),
        ("CTA-GRE", "UNSA", "1", "0"),
        ("CTA-GRE", "SGEN", "0", "0"),
    ]
