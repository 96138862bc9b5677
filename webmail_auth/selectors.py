"""Reads of the academic directory and the webmail, for views and other apps."""

from django.db.models import Q, QuerySet

from .identifiers import normalise_address
from .models import Academie, Agent, Message
from .numen import normalize_numen, numen_digest


def academies_with_assistance() -> QuerySet[Academie]:
    """Académies that publish an assistance contact, for the help pages."""
    return Academie.objects.filter(~Q(assistance_phone="") | ~Q(assistance_email="")).order_by(
        "name"
    )


def agent_by_email(address: str) -> Agent | None:
    """The agent holding a professional address (stored lower case: one indexed lookup)."""
    return Agent.objects.filter(email=normalise_address(address)).first()


def agent_by_numen(numen: str) -> Agent | None:
    """The agent with this NUMEN, found through its keyed digest."""
    return Agent.objects.filter(numen_digest=numen_digest(normalize_numen(numen))).first()


def inbox(agent: Agent) -> QuerySet[Message]:
    """The agent's messages, newest first. Only ever the agent's own."""
    return Message.objects.filter(agent=agent).order_by("-sent_at", "-id")


def unread_count(agent: Agent) -> int:
    return Message.objects.filter(agent=agent, read_at__isnull=True).count()
