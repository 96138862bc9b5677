"""Mail delivery: academic addresses land in the webmail, the rest goes out.

`MAILERS["default"]` is this backend, so every app just uses Django's mail API.
For each recipient (To, Cc and Bcc) of each message:

- an agent's professional address (any case): a Message in that agent's inbox;
- another address under an académie's mail domain: an UndeliverableMail row,
  for the admins to see;
- anything else: handed to `MAILERS["outgoing"]` (console by default, SMTP in
  production), in one call for the whole list.

The inbox rows are plain ORM writes on the default connection, so they belong to
the caller's transaction: a rolled-back signup leaves no mail behind. A list of
messages costs a few queries in all (bulk inserts), not a few per message.
"""

import copy
from email.utils import getaddresses

from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from .identifiers import normalise_address
from .models import Academie, Agent, Message, UndeliverableMail

OUTGOING_MAILER = "outgoing"
LOOKUP_CHUNK = 5000
INSERT_BATCH = 1000


def _address(recipient: str) -> str:
    """The bare address of `Name <address>`, lower case."""
    parsed = getaddresses([recipient])
    address = parsed[0][1] if parsed and parsed[0][1] else recipient
    return normalise_address(address)


def _html_part(message: EmailMessage) -> str:
    for alternative in getattr(message, "alternatives", None) or []:
        content, mimetype = alternative[0], alternative[1]
        if mimetype == "text/html":
            return str(content)
    return ""


def _clip(value, length: int) -> str:
    return " ".join(str(value or "").split())[:length]


class WebmailBackend(BaseEmailBackend):
    """Stores academic mail in the webmail; passes other recipients to the outgoing mailer."""

    def send_messages(self, email_messages) -> int:
        messages = [message for message in email_messages or [] if message.recipients()]
        if not messages:
            return 0
        addresses = {_address(r) for message in messages for r in message.recipients()}
        agents = self._agents_by_address(addresses)
        domains = {
            domain.lower() for domain in Academie.objects.values_list("mail_domain", flat=True)
        }
        now = timezone.now()
        inbox: list[Message] = []
        undeliverable: list[UndeliverableMail] = []
        outgoing: list[EmailMessage] = []
        for message in messages:
            external = self._route(message, agents, domains, now, inbox, undeliverable)
            if external is not None:
                outgoing.append(external)
        Message.objects.bulk_create(inbox, batch_size=INSERT_BATCH)
        UndeliverableMail.objects.bulk_create(undeliverable, batch_size=INSERT_BATCH)
        if outgoing:
            mailers[OUTGOING_MAILER].send_messages(outgoing)
        return len(messages)

    @staticmethod
    def _agents_by_address(addresses: set[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        wanted = sorted(addresses)
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            found.update(
                Agent.objects.filter(email__in=chunk, is_active=True)
                .order_by()
                .values_list("email", "pk")
            )
        return found

    @staticmethod
    def _route(message, agents, domains, now, inbox, undeliverable) -> EmailMessage | None:
        """Deliver or record the academic recipients; the message for the others, if any."""
        sender = _clip(message.from_email, 255)
        subject = _clip(message.subject, 255)
        body_text, body_html = str(message.body or ""), _html_part(message)
        delivered: set[int] = set()
        external: dict[str, list[str]] = {"to": [], "cc": [], "bcc": []}
        for kind in ("to", "cc", "bcc"):
            for recipient in getattr(message, kind) or []:
                address = _address(recipient)
                agent_id = agents.get(address)
                if agent_id is not None:
                    if agent_id not in delivered:  # listed twice (To and Cc): one copy
                        delivered.add(agent_id)
                        inbox.append(
                            Message(
                                agent_id=agent_id,
                                sender=sender,
                                subject=subject,
                                body_text=body_text,
                                body_html=body_html,
                                sent_at=now,
                            )
                        )
                elif address.rpartition("@")[2] in domains:
                    undeliverable.append(
                        UndeliverableMail(
                            recipient=address[:254],
                            sender=sender,
                            subject=subject,
                            reason="Aucun agent de l'annuaire n'a cette adresse.",
                        )
                    )
                else:
                    external[kind].append(recipient)
        if not any(external.values()):
            return None
        # The envelope goes to the external recipients only; the headers still show everyone.
        outgoing = copy.copy(message)
        outgoing.extra_headers = dict(message.extra_headers)
        for header, values in (("To", message.to), ("Cc", message.cc)):
            if values:
                outgoing.extra_headers.setdefault(header, ", ".join(str(v) for v in values))
        outgoing.to, outgoing.cc, outgoing.bcc = external["to"], external["cc"], external["bcc"]
        return outgoing
