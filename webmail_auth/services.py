"""Writes of the academic directory: creating agents and numbering homonyms.

Homonym numbering lives here, and only here: the first agent of a bare form
keeps it, the next ones get 2, 3, … in the order they are created (file order
for an import). An identifier, once given, is never reassigned: agents are
never deleted (the admin deactivates them) and numbering continues from the
highest number ever given for that bare form.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from core.audit import EventKind, record

from . import identifiers
from .models import Academie, Agent, Message
from .numen import numen_digest, parse_numen


@dataclass(frozen=True, slots=True)
class NewName:
    """What the allocator needs to name one new agent: its bare forms, derived once."""

    identifier_base: str
    address_base: str  # "" when HR gives the address
    email: str = ""  # given by the HR file: used as is, not numbered

    @classmethod
    def of(cls, *, first_name: str, surname: str, domain: str, email: str = "") -> "NewName":
        return cls(
            identifier_base=identifiers.identifier_base(first_name, surname),
            address_base="" if email else identifiers.address_base(first_name, surname, domain),
            email=email,
        )


class NameAllocator:
    """Hands out identifiers and derived addresses for new agents, homonyms numbered.

    Keeps, per bare form, the next free number; reads the directory once per
    batch for the bare forms it has not seen yet (indexed `identifier_base` and
    `address_base` columns), so a batch of thousands costs a few queries.
    """

    def __init__(self) -> None:
        self._next_identifier: dict[str, int] = {}
        self._next_address: dict[str, int] = {}
        self._taken_emails: set[str] = set()
        self._checked_emails: set[str] = set()  # candidates already looked up in the directory
        self._complete = False  # True once preload() has read the whole directory

    def preload(self) -> None:
        """Read every bare form of the directory in one scan.

        For a big import this is much cheaper than indexed lookups batch after
        batch; afterwards prepare() and allocate() need no query at all.
        """
        rows = Agent.objects.order_by().values_list(
            "identifier_base", "identifier", "address_base", "email"
        )
        for ident_base, identifier, addr_base, email in rows:
            number = identifiers.identifier_number(ident_base, identifier) + 1
            if number > self._next_identifier.get(ident_base, 1):
                self._next_identifier[ident_base] = number
            if not addr_base:
                self._taken_emails.add(email)  # given by HR: may look like a derived one
                continue
            number = identifiers.address_number(addr_base, email) + 1
            if number > self._next_address.get(addr_base, 1):
                self._next_address[addr_base] = number
        self._complete = True

    def reserve_emails(self, emails: Iterable[str]) -> None:
        """Addresses that HR gives explicitly: a derived address never takes one of them."""
        self._taken_emails.update(email for email in emails if email)

    def prepare(self, names: list[NewName]) -> None:
        """Look up, in a few queries, what the directory holds for these bare forms."""
        if self._complete:
            return
        ident_bases = {n.identifier_base for n in names} - self._next_identifier.keys()
        addr_bases = {n.address_base for n in names if not n.email} - self._next_address.keys()
        for base in ident_bases:
            self._next_identifier[base] = 1
        for base in addr_bases:
            self._next_address[base] = 1
        for chunk in _chunks(sorted(ident_bases), 2000):
            for base, identifier in (
                Agent.objects.filter(identifier_base__in=chunk)
                .order_by()
                .values_list("identifier_base", "identifier")
            ):
                number = identifiers.identifier_number(base, identifier) + 1
                self._next_identifier[base] = max(self._next_identifier[base], number)
        for chunk in _chunks(sorted(addr_bases), 2000):
            for base, email in (
                Agent.objects.filter(address_base__in=chunk)
                .order_by()
                .values_list("address_base", "email")
            ):
                number = identifiers.address_number(base, email) + 1
                self._next_address[base] = max(self._next_address[base], number)
        # Addresses given by HR that happen to have a derived shape.
        wanted: dict[str, int] = {}
        for n in names:
            if not n.email:
                wanted[n.address_base] = wanted.get(n.address_base, 0) + 1
        candidates = [
            identifiers.numbered_address(base, self._next_address[base] + offset)
            for base, count in wanted.items()
            for offset in range(count)
        ]
        for chunk in _chunks(candidates, 2000):
            self._taken_emails.update(
                Agent.objects.filter(email__in=chunk).order_by().values_list("email", flat=True)
            )
        self._checked_emails.update(candidates)

    def allocate(self, name: NewName) -> tuple[str, str, str, str]:
        """(identifier, identifier_base, email, address_base) for one new agent."""
        ident_base = name.identifier_base
        number = self._next_identifier.get(ident_base, 1)
        self._next_identifier[ident_base] = number + 1
        identifier = identifiers.numbered_identifier(ident_base, number)
        if name.email:
            self._taken_emails.add(name.email)
            return identifier, ident_base, name.email, ""
        addr_base = name.address_base
        number = self._next_address.get(addr_base, 1)
        while True:
            email = identifiers.numbered_address(addr_base, number)
            number += 1
            if email in self._taken_emails:
                continue
            if (
                self._complete
                or email in self._checked_emails
                or not Agent.objects.filter(email=email).exists()
            ):
                break
            self._taken_emails.add(email)  # rare: an HR-given address beyond the prefetched range
        self._next_address[addr_base] = number
        self._taken_emails.add(email)
        return identifier, ident_base, email, addr_base


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def lock_directory() -> None:
    """Serialise writers of the directory (imports, admin creation): numbering needs it."""
    list(Academie.objects.select_for_update().values_list("pk", flat=True))


@sensitive_variables("numen", "value")
@transaction.atomic
def agent_create(
    *,
    numen: str,
    surname: str,
    first_name: str,
    academie: Academie,
    corps: str = "",
    workplace: str = "",
    email: str = "",
) -> Agent:
    """One agent, named like the import would (used by the admin and the demo)."""
    try:
        value = parse_numen(numen)
    except ValueError as error:
        raise ValidationError({"numen": str(error)}) from None
    if not identifiers.identifier_base(first_name, surname):
        raise ValidationError(_("Le nom et le prénom doivent contenir des lettres latines."))
    lock_directory()
    digest = numen_digest(value)
    if Agent.objects.filter(numen_digest=digest).exists():
        raise ValidationError({"numen": _("Un agent de l'annuaire a déjà ce NUMEN.")})
    email = identifiers.normalise_address(email)
    if email and Agent.objects.filter(email=email).exists():
        raise ValidationError({"email": _("Cette adresse est déjà attribuée à un autre agent.")})
    allocator = NameAllocator()
    name = NewName.of(
        first_name=first_name, surname=surname, domain=academie.mail_domain, email=email
    )
    allocator.prepare([name])
    identifier, ident_base, address, addr_base = allocator.allocate(name)
    agent = Agent.objects.create(
        numen_digest=digest,
        surname=surname.strip(),
        first_name=first_name.strip(),
        academie=academie,
        corps=corps.strip(),
        workplace=workplace.strip(),
        identifier=identifier,
        identifier_base=ident_base,
        email=address,
        address_base=addr_base,
    )
    record(EventKind.AGENT_CREATED, subject=identifier, academie=academie.code)
    return agent


def message_mark_read(*, message: Message, at: datetime) -> None:
    """Opening a message marks it read, once (the first reading time is kept)."""
    if message.read_at is None:
        message.read_at = at
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=at)
