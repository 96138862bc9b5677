"""Voting credentials: the credential authority's codes, and the server's public credentials.

`credentials_generate` is the authority's step, run on its own machine with a copy of
the rolls: one voting code per elector of the campaign, a signing key per scrutin
derived from it; it writes the codes (for the paper notices) and the public file.
`credentials_import` is the server's: it takes only the public file, checks it against
the rolls and stores it; the seal puts each scrutin's list (no names) on the board.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ballots.models import Campaign, PublicCredential, RollEntry, Scrutin
from ballots.notices.batches import PrintedNotices
from ballots.protocol import (
    InvalidPoint,
    credential_list_hash,
    derive_credential,
    format_voting_code,
    new_voting_code,
    point_from_hex,
)
from ballots.services.campaign import ensure_campaign_editable
from ballots.services.notices import notice_of, notice_reference, notices_write
from core.audit import EventKind, record
from core.csvfiles import ImportRejected, RowError, open_csv
from webmail_auth.models import Agent

CODES_FILE = "codes-de-vote.csv"
PUBLIC_FILE = "identifiants-publics.csv"
CODE_COLUMNS = ["identifiant", "nom", "prenom", "academie", "affectation", "email", "code"]
PUBLIC_COLUMNS = ["identifiant", "scrutin", "identifiant_public"]


class CredentialsError(Exception):
    """A refusal with a French sentence for the operator."""


@dataclass(frozen=True)
class GeneratedCredentials:
    electors: int
    credentials: int
    codes_file: Path
    public_file: Path
    codes: dict[str, str]  # identifier -> formatted code (for the demo's printout)
    notices: PrintedNotices


def _roll_by_agent(campaign: Campaign) -> dict[int, list[str]]:
    """Each agent on an internet roll of the campaign → the codes of their scrutins."""
    scrutins: dict[int, list[str]] = defaultdict(list)
    entries = (
        RollEntry.objects.filter(scrutin__campaign=campaign, scrutin__mode=Scrutin.Mode.INTERNET)
        .order_by("agent_id", "scrutin__code")
        .values_list("agent_id", "scrutin__code")
    )
    for agent_id, code in entries.iterator(chunk_size=10_000):
        scrutins[agent_id].append(code)
    return scrutins


def private_writer(path: Path):
    if path.exists():
        path.unlink()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(descriptor, "w", encoding="utf-8", newline="")


def credentials_generate(
    *, campaign: Campaign, out_dir: Path, print_notices: bool = True
) -> GeneratedCredentials:
    """The authority's step: write the codes (secret, 0600), the paper notices (PDF, 0600,
    under notices/ and emargement/, with the mail house's CSV) and the public file to out_dir.
    The benchmark leaves the notices out (`print_notices=False`): printing 1 M is a mail
    house's job, not the box's.

    Nothing is written to the database: the server learns only the public file.
    """
    roll = _roll_by_agent(campaign)
    if not roll:
        raise CredentialsError(
            _("La campagne %(slug)s n'a aucun électeur inscrit à un scrutin par internet.")
            % {"slug": campaign.slug}
        )
    out_dir = Path(out_dir)
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    agents = Agent.objects.filter(pk__in=list(roll)).select_related("academie").order_by("pk")
    codes_path, public_path = out_dir / CODES_FILE, out_dir / PUBLIC_FILE
    shown: dict[str, str] = {}
    notices = []
    written = 0
    with (
        private_writer(codes_path) as codes_out,
        public_path.open("w", encoding="utf-8", newline="") as public_out,
    ):
        codes_csv, public_csv = csv.writer(codes_out), csv.writer(public_out)
        codes_csv.writerow(CODE_COLUMNS)
        public_csv.writerow(PUBLIC_COLUMNS)
        for agent in agents.iterator(chunk_size=2_000):
            code = new_voting_code()
            formatted = format_voting_code(code)
            shown[agent.identifier] = formatted
            notices.append(notice_of(agent, code=formatted, reference=notice_reference(agent)))
            codes_csv.writerow(
                [
                    agent.identifier,
                    agent.surname,
                    agent.first_name,
                    agent.academie.code,
                    agent.workplace,
                    agent.email,
                    formatted,
                ]
            )
            for scrutin in roll[agent.pk]:
                _secret, public = derive_credential(
                    code=code, campaign=campaign.slug, scrutin=scrutin
                )
                public_csv.writerow([agent.identifier, scrutin, public.hex()])
                written += 1
    printed = (
        notices_write(campaign=campaign, notices=notices, out_dir=out_dir)
        if print_notices
        else PrintedNotices()
    )
    return GeneratedCredentials(
        electors=len(shown),
        credentials=written,
        codes_file=codes_path,
        public_file=public_path,
        codes=shown,
        notices=printed,
    )


def _read_public_file(
    campaign: Campaign, source: str | Path
) -> tuple[list[tuple[int, int, str]], list[RowError]]:
    scrutins = {
        s.code: s for s in Scrutin.objects.filter(campaign=campaign, mode=Scrutin.Mode.INTERNET)
    }
    agents = dict(Agent.objects.values_list("identifier", "pk"))
    on_roll = set(
        RollEntry.objects.filter(scrutin__in=scrutins.values()).values_list(
            "agent_id", "scrutin_id"
        )
    )
    rows: list[tuple[int, int, str]] = []
    errors: list[RowError] = []
    seen_pairs: dict[tuple[int, int], int] = {}
    seen_credentials: dict[str, int] = {}
    for row in open_csv(source, required=PUBLIC_COLUMNS):
        identifier, code = row.get("identifiant").lower(), row.get("scrutin")
        credential = row.get("identifiant_public").lower()
        agent_id, scrutin = agents.get(identifier), scrutins.get(code)
        if agent_id is None:
            errors.append(RowError(row.line, "identifiant", _("agent inconnu")))
            continue
        if scrutin is None:
            errors.append(
                RowError(row.line, "scrutin", _("pas un scrutin par internet de la campagne"))
            )
            continue
        if (agent_id, scrutin.pk) not in on_roll:
            errors.append(
                RowError(row.line, "scrutin", _("l'agent n'est pas inscrit à ce scrutin"))
            )
            continue
        try:
            point_from_hex(credential)
        except InvalidPoint:
            errors.append(RowError(row.line, "identifiant_public", _("point invalide du groupe")))
            continue
        pair = (agent_id, scrutin.pk)
        if pair in seen_pairs:
            errors.append(
                RowError(
                    row.line,
                    "identifiant",
                    _("deuxième identifiant pour cet agent et ce scrutin (ligne %(n)s)")
                    % {"n": seen_pairs[pair]},
                )
            )
            continue
        if credential in seen_credentials:
            errors.append(
                RowError(
                    row.line,
                    "identifiant_public",
                    _("déjà donné ligne %(n)s") % {"n": seen_credentials[credential]},
                )
            )
            continue
        seen_pairs[pair] = seen_credentials[credential] = row.line
        rows.append((agent_id, scrutin.pk, credential))
    missing = len(on_roll) - len(seen_pairs)
    if not errors and missing:
        errors.append(
            RowError(
                0,
                "identifiant",
                _("%(n)s inscription(s) sur les listes électorales sans identifiant public")
                % {"n": missing},
            )
        )
    return rows, errors


@transaction.atomic
def credentials_import(
    *, campaign: Campaign, source: str | Path, at: datetime, actor=None
) -> tuple[int, dict[str, str]]:
    """Store the public credentials (one per elector and internet scrutin); all or nothing.

    Returns (credentials, each scrutin's list hash). The lists go on the board at the
    seal, after the setup event, and their hashes into the manifests. Re-importing the
    same file changes nothing; a different file is refused once credentials are in.
    """
    ensure_campaign_editable(campaign)
    rows, errors = _read_public_file(campaign, source)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error.line))
    existing = set(
        PublicCredential.objects.filter(scrutin__campaign=campaign, replaced=False).values_list(
            "agent_id", "scrutin_id", "credential"
        )
    )
    if existing and existing != set(rows):
        raise CredentialsError(
            _(
                "La campagne %(slug)s a déjà des identifiants publics différents : "
                "rien n'a été importé."
            )
            % {"slug": campaign.slug}
        )
    if not existing:
        PublicCredential.objects.bulk_create(
            (PublicCredential(agent_id=a, scrutin_id=s, credential=c) for a, s, c in rows),
            batch_size=5_000,
        )
    hashes = credential_hashes(campaign)
    record(
        EventKind.CREDENTIALS_IMPORTED,
        actor=actor,
        subject=campaign.slug,
        at=at,
        credentials=len(rows),
        unchanged=bool(existing),
        hashes=hashes,
    )
    return len(rows), hashes


def scrutin_credentials(scrutin_id: int) -> list[str]:
    """A scrutin's current public credentials, sorted (the board's list, without names)."""
    return sorted(
        PublicCredential.objects.filter(scrutin_id=scrutin_id, replaced=False).values_list(
            "credential", flat=True
        )
    )


def credential_hashes(campaign: Campaign) -> dict[str, str]:
    """Each internet scrutin's credential-list hash (what its manifest will carry)."""
    return {
        scrutin.code: credential_list_hash(scrutin_credentials(scrutin.pk))
        for scrutin in Scrutin.objects.filter(
            campaign=campaign, mode=Scrutin.Mode.INTERNET
        ).order_by("code")
    }


def credentials_complete(campaign: Campaign) -> bool:
    """Has every elector of every internet roll a public credential?"""
    internet = {"scrutin__campaign": campaign, "scrutin__mode": Scrutin.Mode.INTERNET}
    credentials = PublicCredential.objects.filter(replaced=False, **internet).count()
    return credentials > 0 and credentials == RollEntry.objects.filter(**internet).count()
