"""The paper notices written by generate_credentials: read back as a person reads the paper."""

import csv
import re
import stat

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from ballots.models import RollEntry
from webmail_auth.models import Agent

# Four groups of four, then the check character (which may be one of * ~ $ =).
CODE = re.compile(r"(?<![\w-])[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}-[0-9A-Z*~$=](?![\w*~$=-])")
AWKWARD = [
    ("N'Diaye", "Aïssatou", "Lycée Mounier, Grenoble"),
    ("Œuvrard", "Cécile", "Rectorat de Grenoble"),
    ("de La Fontaine-Rochefoucauld", "Marie-Claire", "Lycée Mounier, Grenoble"),
    ("Çelik", "Ömer", "École Ampère, Valence"),
]


@pytest.fixture
def awkward(academie, scrutins):
    for number, (surname, first_name, workplace) in enumerate(AWKWARD):
        agent = Agent.objects.create(
            numen_digest=f"digest-awkward-{number}",
            surname=surname,
            first_name=first_name,
            academie=academie,
            workplace=workplace,
            identifier=f"awkward{number}",
            email=f"awkward{number}@ac-grenoble.fr",
        )
        RollEntry.objects.create(scrutin=scrutins["cta"], agent=agent)


def pages_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_each_notice_prints_the_name_establishment_and_code_of_its_elector(
    campaign, awkward, tmp_path, settings
):
    settings.ELECTIONSPRO_SITE_URL = "https://elections.example.fr"
    out = tmp_path / "autorite"
    call_command("generate_credentials", campaign=campaign.slug, out=str(out))
    with (out / "codes-de-vote.csv").open(encoding="utf-8") as source:
        codes = {(row["nom"], row["prenom"]): row["code"] for row in csv.DictReader(source)}

    mounier = pages_text(out / "notices" / "grenoble" / "lycee-mounier-grenoble.pdf")
    assert len(mounier) == 2  # one page per elector, sorted by name
    page = one_line(mounier[0])
    assert "Marie-Claire de La Fontaine-Rochefoucauld" in page
    assert "Lycée Mounier, Grenoble" in page and "Académie de Grenoble" in page
    assert CODE.findall(page) == [codes[("de La Fontaine-Rochefoucauld", "Marie-Claire")]]
    assert "Aïssatou N'Diaye" in one_line(mounier[1])
    assert CODE.findall(mounier[1]) == [codes[("N'Diaye", "Aïssatou")]]
    for words in (
        "jeudi 27 novembre 2014 à 10:00 au jeudi 4 décembre 2014 à 17:00 (heure de Paris)",
        "https://elections.example.fr",
        "Ne le donnez jamais à personne",
        "0810 76 76 76",
        "de 8 h à 18 h",
    ):
        assert words in page

    rectorat = one_line(pages_text(out / "notices" / "grenoble" / "rectorat-de-grenoble.pdf")[0])
    assert "Cécile Œuvrard" in rectorat
    whole = pages_text(out / "notices" / "grenoble.pdf")
    assert len(whole) == 6 + len(AWKWARD)  # the académie's batch: every elector of its rolls
    assert any("Ömer Çelik" in one_line(text) for text in whole)

    sheet = one_line(pages_text(out / "emargement" / "grenoble" / "lycee-mounier-grenoble.pdf")[0])
    assert "de La Fontaine-Rochefoucauld Marie-Claire" in sheet
    assert "N'Diaye Aïssatou" in sheet and "Signature" in sheet
    assert not CODE.search(sheet)
    for pdf in out.rglob("*.pdf"):
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o600


def test_the_mail_house_csv_names_the_notice_but_never_carries_the_code(
    campaign, awkward, tmp_path
):
    out = tmp_path / "autorite"
    call_command("generate_credentials", campaign=campaign.slug, out=str(out))
    text = (out / "envoi-postal.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    oeuvrard = next(row for row in rows if row["nom"] == "Œuvrard")
    assert oeuvrard["affectation"] == "Rectorat de Grenoble"
    assert oeuvrard["fichier"] == "notices/grenoble/rectorat-de-grenoble.pdf"
    assert oeuvrard["reference"] in one_line(pages_text(out / oeuvrard["fichier"])[0])
    assert not CODE.search(text)
