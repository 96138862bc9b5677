"""The demo campaign electionspro2014 (docs/interface.md), rebuilt by seed_demo.

Everything goes through the services an operator would use: create the campaign,
import the sample files of ballots/demo_data/, attach a generated PDF and logo to
each list, send the opening mails. Each run starts from a clean campaign, so the
demo is the same whatever was done in it before (votes included).
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from ballots.models import Campaign, CandidateList, Participation, Scrutin
from ballots.services.campaign import campaign_create
from ballots.services.documents import candidate_list_attach
from ballots.services.imports import candidacies_import, roll_import, scrutins_import
from ballots.services.opening_mails import opening_mail_subject, opening_mails_send
from core.paris import PARIS, paris_datetime
from webmail_auth.models import Message

DEMO_SLUG = "electionspro2014"
DEMO_NAME = "Élections professionnelles 2014"
DEMO_TAG = "[Electionspro2014]"
DATA = Path(__file__).resolve().parent / "demo_data"
PAPER_INSTRUCTIONS = (
    "Ce scrutin a lieu par correspondance. Le matériel de vote (bulletins, enveloppes, "
    "professions de foi) vous est adressé par le rectorat de Grenoble, division des personnels "
    "de l'enseignement supérieur. Renvoyez-le avant la clôture du vote indiquée sur cette page. "
    "Renseignements : rectorat de Grenoble, 7 place Bir-Hakeim, 38000 Grenoble."
)


CALENDARS = {
    "now": "le vote est ouvert maintenant (défaut)",
    "profils": "avant la fin des demandes de mise à jour du profil ; le vote ouvre dans 5 jours",
    "2014": "les vraies dates de 2014",
}


def demo_name(calendar: str, dates: dict[str, datetime]) -> str:
    """The campaign's name says the year of its vote, never a year its dates contradict."""
    if calendar == "2014":
        return DEMO_NAME
    return f"Élections professionnelles {timezone.localtime(dates['voting_opens'], PARIS).year}"


def demo_calendar(calendar: str, *, now: datetime | None = None) -> dict[str, datetime]:
    """`2014`: the real dates; `now`: the same shape placed so that voting is open now (the
    profile-update deadline, before the opening, is past); `profils`: placed before that
    deadline, rolls and lists already published, the vote five days ahead."""
    if calendar == "2014":
        return {
            "rolls_from": paris_datetime(date(2014, 10, 15)),
            "candidacies_from": paris_datetime(date(2014, 10, 28)),
            "profile_updates_until": paris_datetime(date(2014, 11, 14), end_of_day=True),
            "voting_opens": datetime(2014, 11, 27, 10, 0, tzinfo=PARIS),
            "voting_closes": datetime(2014, 12, 4, 17, 0, tzinfo=PARIS),
            "results_from": paris_datetime(date(2014, 12, 5)),
        }
    today = timezone.localtime(now or timezone.now(), PARIS).date()
    if calendar == "profils":
        opening, closing = today + timedelta(days=5), today + timedelta(days=12)
        return {
            "rolls_from": paris_datetime(today - timedelta(days=10)),
            "candidacies_from": paris_datetime(today - timedelta(days=3)),
            "profile_updates_until": paris_datetime(today + timedelta(days=2), end_of_day=True),
            "voting_opens": datetime.combine(opening, time(10, 0), tzinfo=PARIS),
            "voting_closes": datetime.combine(closing, time(17, 0), tzinfo=PARIS),
            "results_from": paris_datetime(closing + timedelta(days=1)),
        }
    return {
        "rolls_from": paris_datetime(today - timedelta(days=20)),
        "candidacies_from": paris_datetime(today - timedelta(days=10)),
        "profile_updates_until": paris_datetime(today - timedelta(days=2), end_of_day=True),
        "voting_opens": datetime.combine(today - timedelta(days=1), time(10, 0), tzinfo=PARIS),
        "voting_closes": datetime.combine(today + timedelta(days=6), time(17, 0), tzinfo=PARIS),
        "results_from": paris_datetime(today + timedelta(days=7)),
    }


def _wipe(campaign: Campaign) -> None:
    """Remove a previous demo campaign: its votes, files, opening mails in the webmail, rows."""
    Message.objects.filter(
        agent__opening_mails__campaign=campaign, subject=opening_mail_subject(campaign)
    ).delete()
    Participation.objects.filter(scrutin__campaign=campaign).delete()
    for candidate_list in CandidateList.objects.filter(scrutin__campaign=campaign):
        for file_field in (candidate_list.profession_de_foi, candidate_list.logo):
            if file_field:
                file_field.delete(save=False)
    Scrutin.objects.filter(campaign=campaign).delete()
    campaign.delete()


def seed_campaign(*, calendar: str) -> list[str]:
    """The campaign, its scrutins, rolls, lists with their documents, and the opening mails."""
    previous = Campaign.objects.filter(slug=DEMO_SLUG).first()
    if previous is not None:
        _wipe(previous)
    dates = demo_calendar(calendar)
    campaign = campaign_create(
        slug=DEMO_SLUG, name=demo_name(calendar, dates), mail_tag=DEMO_TAG, **dates
    )
    scrutins_import(campaign=campaign, source=DATA / "scrutins.csv")
    Scrutin.objects.filter(campaign=campaign, mode=Scrutin.Mode.PAPER).update(
        paper_instructions=PAPER_INSTRUCTIONS
    )
    roll = roll_import(campaign=campaign, source=DATA / "roll.csv")
    # The other agents of the sample directory, if the directory step loaded them.
    extra = roll_import(campaign=campaign, source=DATA / "roll_extra.csv", skip_invalid=True)
    candidacies_import(campaign=campaign, source=DATA / "candidacies.csv")
    candidacies_import(campaign=campaign, source=DATA / "candidacies_extra.csv")
    lists = CandidateList.objects.filter(scrutin__campaign=campaign).select_related("scrutin")
    for candidate_list in lists:
        candidate_list_attach(
            candidate_list=candidate_list,
            profession_de_foi=demo_profession_de_foi(candidate_list),
            logo=demo_logo(candidate_list.acronym),
        )
    sent = opening_mails_send(campaign=campaign)
    when = CALENDARS[calendar]
    return [
        f"Campagne {DEMO_SLUG} ({when}) : {campaign.scrutins.count()} scrutins, "
        f"{roll.created + extra.created} inscriptions, {lists.count()} listes ; "
        f"{sent} courriel(s) d'ouverture dans les messageries."
    ]


# --- Generated documents ------------------------------------------------------------------


def _pdf_text(text: str) -> str:
    encoded = text.encode("cp1252", "replace").decode("latin-1")
    return encoded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF (Helvetica, WinAnsi) showing `lines`; no dependency needed."""
    content = ["BT", "/F1 18 Tf", "72 770 Td", f"({_pdf_text(lines[0])}) Tj", "/F1 11 Tf"]
    for line in lines[1:]:
        content += ["0 -22 Td", f"({_pdf_text(line)}) Tj"]
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def demo_profession_de_foi(candidate_list: CandidateList) -> bytes:
    scrutin = candidate_list.scrutin
    return minimal_pdf(
        [
            f"Profession de foi - {candidate_list.acronym}",
            candidate_list.organisation,
            f"{scrutin.label} ({scrutin.code})",
            "",
            "Document de démonstration : dans une vraie campagne, chaque organisation",
            "dépose ici sa profession de foi au format PDF.",
        ]
    )


def demo_logo(acronym: str) -> bytes:
    """A small PNG: the acronym on a coloured square."""
    from PIL import Image, ImageDraw

    palette = [(0, 0, 145), (225, 0, 15), (24, 117, 60), (180, 90, 0), (100, 40, 140)]
    colour = palette[sum(acronym.encode()) % len(palette)]
    image = Image.new("RGB", (160, 64), colour)
    ImageDraw.Draw(image).text((10, 24), acronym[:18], fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
