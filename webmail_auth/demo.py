"""Demo part of the academic directory (the demo people of docs/interface.md)."""

from pathlib import Path

from .importing import import_agent_file
from .models import Academie, Message
from .selectors import agent_by_numen

# A copy of shared/data/agents_sample.csv: a clone of the project has no shared/ folder.
DEMO_AGENTS_FILE = Path(__file__).resolve().parent / "demo_data" / "agents_sample.csv"

# The demo people (README, docs/interface.md); their NUMENs are in the sample file.
DEMO_LOGINS = (
    ("08E0512345ABC", "Vincent Dupont"),
    ("08G0923456DEF", "Valérie Dupont"),
    ("08E9834567GHI", "Jean-François Le Gall"),
)


def seed_academie() -> Academie:
    academie, _created = Academie.objects.update_or_create(
        code="grenoble",
        defaults={
            "name": "Grenoble",
            "mail_domain": "ac-grenoble.fr",
            "numen_code": "08",
            "assistance_phone": "04 76 74 70 00",
            "assistance_email": "assistance-elections@ac-grenoble.fr",
        },
    )
    return academie


def seed_directory() -> list[str]:
    """Académie de Grenoble and the agents of the sample file; safe to run again. Its
    inboxes start empty at each run (no confirmation or receipt left from a previous walk);
    the campaign's step delivers the opening mails again."""
    academie = seed_academie()
    Message.objects.filter(agent__academie=academie).delete()
    report = import_agent_file(DEMO_AGENTS_FILE)
    lines = [f"Annuaire académique : {report.summary()}."]
    for numen, name in DEMO_LOGINS:
        agent = agent_by_numen(numen)
        if agent is not None:
            lines.append(f"Webmail : {agent.identifier} / {numen} ({name}, {agent.email})")
    return lines
