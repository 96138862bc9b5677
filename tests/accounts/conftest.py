"""Fixtures of the elector account tests: a directory with a few agents, accounts, the inbox.

Test modules are not importable from each other (pytest's importlib mode): helpers are
fixtures returning callables.
"""

import pytest
from django.utils import timezone

from tests.factories import AcademieFactory, AgentFactory, ElectorFactory
from webmail_auth.models import Agent, Message

PASSWORD = "Bonjour2014x"


@pytest.fixture
def password() -> str:
    """A password that passes every rule of the policy."""
    return PASSWORD


@pytest.fixture
def academie(db):
    return AcademieFactory()


@pytest.fixture
def make_agent(academie):
    def make(first_name: str, surname: str, identifier: str, email: str, **extra) -> Agent:
        return AgentFactory(
            first_name=first_name,
            surname=surname,
            academie=academie,
            identifier=identifier,
            email=email,
            **extra,
        )

    return make


@pytest.fixture
def vincent(make_agent):
    return make_agent("Vincent", "Dupont", "vdupont", "vincent.dupont@ac-grenoble.fr")


@pytest.fixture
def valerie(make_agent):
    return make_agent("Valérie", "Dupont", "vdupont2", "valerie.dupont@ac-grenoble.fr")


@pytest.fixture
def valerie_account(valerie):
    """A confirmed elector account (password: the `password` fixture)."""
    return ElectorFactory(
        agent=valerie,
        password=PASSWORD,
        first_name=valerie.first_name,
        last_name=valerie.surname,
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def inbox():
    """inbox(agent): the messages in that agent's academic mailbox, oldest first."""

    def read(agent: Agent) -> list[Message]:
        return list(Message.objects.filter(agent=agent).order_by("sent_at", "id"))

    return read


@pytest.fixture
def signup_data():
    def data(email: str, password: str = PASSWORD, **overrides) -> dict:
        return {
            "email": email,
            "password1": password,
            "password2": password,
            "captcha_0": "test-key",
            "captcha_1": "PASSED",  # accepted in captcha test mode (test settings)
            **overrides,
        }

    return data


@pytest.fixture
def rf_request(rf):
    """A request for calling services directly (absolute links are built from it)."""
    request = rf.get("/electeur/creer-compte/")
    request.META["REMOTE_ADDR"] = "192.0.2.10"
    return request
