"""Fixtures of the campaign and elector-space tests: a small directory, scrutins and
electors (the campaign and the clock come from tests/ballots/conftest.py). Helpers are
fixtures returning callables."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.models import User
from ballots.models import CandidateList, RollEntry, Scrutin
from tests.factories import AcademieFactory, AgentFactory, ElectorFactory
from webmail_auth.models import Agent
from webmail_auth.numen import numen_digest

PARIS = ZoneInfo("Europe/Paris")
DATA = Path(__file__).resolve().parents[3] / "ballots" / "demo_data"


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def clock_start() -> datetime:
    """Where the shared `clock` fixture (tests/ballots/conftest.py) starts."""
    return paris(2014, 11, 1, 12, 0)


@pytest.fixture
def academie(db):
    return AcademieFactory(name="Académie de Grenoble")


@pytest.fixture
def make_agent(academie):
    """make_agent("08E0512345ABC", "Dupont", "Vincent"): an agent of the directory."""

    def make(numen: str, surname: str, first_name: str, **extra) -> Agent:
        identifier = extra.pop("identifier", f"{first_name[0]}{surname}".lower().replace(" ", ""))
        return AgentFactory(
            numen_digest=numen_digest(numen),
            surname=surname,
            first_name=first_name,
            academie=academie,
            identifier=identifier,
            email=extra.pop("email", f"{identifier}@ac-grenoble.fr"),
            **extra,
        )

    return make


@pytest.fixture
def directory(make_agent):
    """The three demo people (docs/interface.md)."""
    return {
        "vincent": make_agent(
            "08E0512345ABC",
            "Dupont",
            "Vincent",
            corps="Professeur certifié",
            workplace="Lycée Champollion, Grenoble",
            email="vincent.dupont@ac-grenoble.fr",
        ),
        "valerie": make_agent(
            "08G0923456DEF",
            "Dupont",
            "Valérie",
            identifier="vdupont2",
            email="valerie.dupont@ac-grenoble.fr",
        ),
        "jf": make_agent(
            "08E9834567GHI",
            "Le Gall",
            "Jean-François",
            identifier="jlegall",
            email="jean-francois.le-gall@ac-grenoble.fr",
        ),
    }


@pytest.fixture
def make_scrutin(campaign, academie):
    def make(code: str, *, mode: str = "internet", **extra) -> Scrutin:
        return Scrutin.objects.create(
            campaign=campaign,
            code=code,
            label=extra.pop("label", f"Scrutin {code}"),
            kind=extra.pop("kind", "CTA"),
            perimeter="academique",
            academie=academie,
            seats=extra.pop("seats", 5),
            mode=mode,
            **extra,
        )

    return make


@pytest.fixture
def make_list():
    def make(scrutin: Scrutin, position: int, acronym: str, **extra) -> CandidateList:
        return CandidateList.objects.create(
            scrutin=scrutin,
            position=position,
            acronym=acronym,
            organisation=extra.pop("organisation", f"Organisation {acronym}"),
            **extra,
        )

    return make


@pytest.fixture
def enrol():
    def make(agent: Agent, *scrutins: Scrutin) -> None:
        RollEntry.objects.bulk_create([RollEntry(agent=agent, scrutin=s) for s in scrutins])

    return make


@pytest.fixture
def make_user(db):
    """make_user(agent): a confirmed elector account for `agent` (or an admin with agent=None)."""

    def make(agent: Agent | None, **extra) -> User:
        extra.setdefault("confirmed_at", timezone.now())
        return ElectorFactory(agent=agent, **extra)

    return make


@pytest.fixture
def data_dir():
    return DATA


@pytest.fixture
def delivered():
    """delivered(address): subjects of the mails sent to `address` (webmail inbox or outbox)."""
    from django.core import mail

    from webmail_auth.models import Message

    def subjects(address: str) -> list[str]:
        outgoing = [message.subject for message in mail.outbox if address in message.to]
        inbox = Message.objects.filter(agent__email=address).values_list("subject", flat=True)
        return outgoing + list(inbox)

    return subjects
