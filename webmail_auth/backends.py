"""The NUMEN check of the academic webmail: identifier + NUMEN → agent.

Not a Django AUTHENTICATION_BACKENDS entry: the webmail is a realm of its own
(session.py), and a NUMEN never logs anyone into the elector space. The same
work is done whether the identifier exists or not (one query, one HMAC, one
constant-time comparison), so the answer and its timing do not tell them apart.
"""

from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from .models import Agent
from .numen import digests_match, normalize_numen, numen_digest, previous_numen_digest

IDENTIFIER_MAX_LENGTH = 160
# Compared against when the identifier is unknown, so that path costs the same.
_UNKNOWN_DIGEST = "0" * 64


def normalize_identifier(raw: str) -> str:
    """Identifiers are lower-case ASCII: accept surrounding spaces and capitals."""
    return (raw or "").strip().lower()[:IDENTIFIER_MAX_LENGTH]


class NumenBackend:
    """Checks an identifier and a NUMEN against the directory."""

    @sensitive_variables("numen", "candidate", "previous")
    def authenticate(
        self, request: HttpRequest | None, *, identifier: str, numen: str
    ) -> Agent | None:
        """The active agent with this identifier and NUMEN, or None (no reason given)."""
        agent = (
            Agent.objects.filter(identifier=normalize_identifier(identifier), is_active=True)
            .only("id", "identifier", "numen_digest")
            .first()
        )
        stored = agent.numen_digest if agent is not None else _UNKNOWN_DIGEST
        candidate = numen_digest(normalize_numen(numen))
        matches = digests_match(candidate, stored)
        previous = previous_numen_digest(numen)
        if previous is not None:  # an agent not yet re-keyed after a pepper rotation
            matches = digests_match(previous, stored) or matches
        if agent is None or not matches:
            return None
        return agent

    def get_agent(self, agent_id: int) -> Agent | None:
        return Agent.objects.filter(pk=agent_id, is_active=True).select_related("academie").first()
