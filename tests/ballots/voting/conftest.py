"""Fixtures of the vote tests: a small sealed campaign on the 2014 calendar (the campaign
and the clock come from tests/ballots/conftest.py).

Helpers are fixtures returning callables (test modules cannot import each other).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.models import User
from ballots.demo_box import box_prepare, passphrase_of
from ballots.models import CandidateList, RollEntry, Scrutin
from ballots.services.archive import archive_export
from ballots.services.tally import board_close, campaign_count
from ballots.trustee_side import partial_decrypt
from tests.factories import AcademieFactory, AgentFactory, ElectorFactory

PARIS = ZoneInfo("Europe/Paris")
PASSWORD = "Electeur2014"
OPENS = datetime(2014, 11, 27, 10, 0, tzinfo=PARIS)
CLOSES = datetime(2014, 12, 4, 17, 0, tzinfo=PARIS)
RESULTS = datetime(2014, 12, 5, 0, 0, tzinfo=PARIS)
DURING = datetime(2014, 12, 1, 12, 0, tzinfo=PARIS)
AFTER_CLOSE = datetime(2014, 12, 4, 18, 0, tzinfo=PARIS)
AFTER_RESULTS = datetime(2014, 12, 5, 9, 0, tzinfo=PARIS)


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def times():
    """The campaign's instants, for tests that pass `at=`."""

    class Times:
        opens, closes, results = OPENS, CLOSES, RESULTS
        during, after_close, after_results = DURING, AFTER_CLOSE, AFTER_RESULTS

    return Times


@pytest.fixture
def clock_start() -> datetime:
    """Where the shared `clock` fixture (tests/ballots/conftest.py) starts: during the vote."""
    return DURING


@pytest.fixture
def academie(db):
    return AcademieFactory()


@pytest.fixture
def make_elector(academie):
    """make_elector("vdupont"): an agent with a confirmed account (password PASSWORD)."""

    def make(identifier: str) -> User:
        agent = AgentFactory(identifier=identifier, academie=academie)
        return ElectorFactory(agent=agent, password=PASSWORD, confirmed_at=paris(2014, 11, 1))

    return make


@pytest.fixture
def electors(make_elector):
    return [make_elector(f"elec{n}") for n in range(1, 7)]


@pytest.fixture
def scrutins(campaign, academie, electors):
    """CTA-GRE (internet, 3 lists, 3 seats), CAPD-38 (internet, 2 lists), CCP-PAP (paper)."""
    cta = Scrutin.objects.create(
        campaign=campaign,
        code="CTA-GRE",
        label="CTA de Grenoble",
        kind="CTA",
        perimeter="academique",
        academie=academie,
        seats=3,
    )
    capd = Scrutin.objects.create(
        campaign=campaign,
        code="CAPD-38",
        label="CAPD de l'Isère",
        kind="CAPD",
        perimeter="departemental",
        academie=academie,
        department="38",
        seats=2,
    )
    paper = Scrutin.objects.create(
        campaign=campaign,
        code="CCP-PAP",
        label="CCP sur papier",
        kind="CCP",
        perimeter="academique",
        academie=academie,
        seats=2,
        mode="papier",
    )
    for position, acronym in enumerate(["FSU", "UNSA", "SGEN"], start=1):
        CandidateList.objects.create(
            scrutin=cta, position=position, acronym=acronym, organisation=f"Organisation {acronym}"
        )
    for position, acronym in enumerate(["SNES", "SE"], start=1):
        CandidateList.objects.create(
            scrutin=capd, position=position, acronym=acronym, organisation=f"Organisation {acronym}"
        )
    for position, acronym in enumerate(["CGT", "FO"], start=1):
        CandidateList.objects.create(
            scrutin=paper,
            position=position,
            acronym=acronym,
            organisation=f"Organisation {acronym}",
        )
    for user in electors:
        RollEntry.objects.create(scrutin=cta, agent=user.agent)
        RollEntry.objects.create(scrutin=paper, agent=user.agent)
    for user in electors[:3]:
        RollEntry.objects.create(scrutin=capd, agent=user.agent)
    return {"cta": cta, "capd": capd, "paper": paper}


@pytest.fixture
def box_dirs(tmp_path):
    return tmp_path / "codes", tmp_path / "trustees"


@pytest.fixture
def prepared(campaign, scrutins, box_dirs):
    """Credentials, the trustees' key (3 trustees, any 2 decrypt) and the seal; returns the
    voting codes by webmail identifier."""
    codes_dir, trustees_dir = box_dirs
    codes = box_prepare(
        campaign, at=paris(2014, 11, 21), credentials_dir=codes_dir, trustees_dir=trustees_dir
    )
    campaign.refresh_from_db()
    return codes


@pytest.fixture
def keyed(campaign, scrutins, box_dirs):
    """Credentials and the trustees' key, campaign not yet sealed: the voting codes."""
    codes_dir, trustees_dir = box_dirs
    return box_prepare(
        campaign,
        at=paris(2014, 11, 20),
        credentials_dir=codes_dir,
        trustees_dir=trustees_dir,
        seal=False,
    )


@pytest.fixture
def sealed(prepared):
    """A sealed campaign (alias of `prepared`): the voting codes by webmail identifier."""
    return prepared


@pytest.fixture
def code_of(prepared):
    """code_of(user): the voting code of the elector's paper notice."""

    def code(user) -> str:
        return prepared[user.agent.identifier]

    return code


@pytest.fixture
def count(campaign, box_dirs, times):
    """count(trustees=(1, 2)): close the board, let those trustees decrypt, count."""

    def run(trustees=(1, 2), *, at=None):
        _codes, trustees_dir = box_dirs
        board_close(campaign=campaign, at=times.after_close, workers=1)
        archive = trustees_dir.parent / "archive.jsonl"
        archive_export(campaign=campaign, path=archive)
        partials = [
            partial_decrypt(
                archive,
                sealed=(trustees_dir / f"scrutateur-{i}.cle").read_bytes(),
                passphrase=passphrase_of(campaign, i),
            )[0]
            for i in trustees
        ]
        return campaign_count(
            campaign=campaign, partial_files=partials, at=at or times.after_results
        )

    return run


@pytest.fixture
def choice_of():
    """choice_of(scrutin, "FSU"): the ballot value of a list (its id), or "blanc"."""

    def value(scrutin: Scrutin, acronym: str) -> str:
        if acronym == "blanc":
            return "blanc"
        return str(scrutin.lists.get(acronym=acronym).pk)

    return value
