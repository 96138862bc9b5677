"""Fixtures of the directory and webmail tests.

Test modules are not importable from each other (pytest's importlib mode): helpers are
fixtures returning callables.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import AcademieFactory
from webmail_auth.models import Agent
from webmail_auth.services import agent_create
from webmail_auth.session import SESSION_AGENT_KEY, SESSION_HASH_KEY, _session_hash

SHARED_DATA = Path(__file__).resolve().parents[2] / "webmail_auth" / "demo_data"
SAMPLE = SHARED_DATA / "agents_sample.csv"
INVALID = Path(__file__).resolve().parent / "data" / "agents_invalid.csv"
VINCENT_NUMEN = "08E0512345ABC"


@pytest.fixture
def sample_file() -> Path:
    return SAMPLE


@pytest.fixture
def invalid_file() -> Path:
    return INVALID


@pytest.fixture
def academie(db):
    return AcademieFactory()


@pytest.fixture
def write(tmp_path):
    """write(text, name=..., encoding=...): a CSV file in a temporary folder."""

    def make(text: str, name: str = "agents.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return path

    return make


@pytest.fixture
def run():
    """run(*args): call_command, returning (stdout, stderr)."""
    from io import StringIO

    def call(*args, **options) -> tuple[str, str]:
        out, err = StringIO(), StringIO()
        call_command(*args, stdout=out, stderr=err, **options)
        return out.getvalue(), err.getvalue()

    return call


@pytest.fixture
def directory(academie, run):
    """The sample file imported: vdupont, vdupont2, jlegall and the others."""
    run("import_agents", str(SAMPLE))
    return Agent.objects


@pytest.fixture
def vincent(directory) -> Agent:
    return directory.get(identifier="vdupont")


@pytest.fixture
def make_agent(academie):
    def make(first_name: str, surname: str, numen: str, **extra) -> Agent:
        return agent_create(
            numen=numen, surname=surname, first_name=first_name, academie=academie, **extra
        )

    return make


@pytest.fixture
def webmail_login():
    """webmail_login(client, agent): open the webmail realm without the form."""

    def login(client, agent: Agent) -> None:
        session = client.session
        session[SESSION_AGENT_KEY] = agent.pk
        session[SESSION_HASH_KEY] = _session_hash(agent)
        session.save()

    return login
