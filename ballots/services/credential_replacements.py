"""Replacing the voting code of an approved request: the authority's new code, the server's import.

`replacements_generate` is the credential authority's step (its own machine, as for
`credentials_generate`): for each approved request, a new code, the new public
credential of each scrutin the elector has not voted in, the new notices (per delivery:
establishment or post) and the file of replacement credentials. `replacements_import`
is the server's: all or nothing, it marks the old credential replaced, stores the new
one and puts a `credential_replaced` event on the board (the two credentials and the
scrutin; never a name). From then on the old code is refused and the new one accepted.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ballots.models import (
    Board,
    BoardEvent,
    Campaign,
    NoticeReplacement,
    Participation,
    PublicCredential,
    Scrutin,
)
from ballots.notices.batches import PrintedNotices
from ballots.protocol import (
    InvalidPoint,
    derive_credential,
    format_voting_code,
    new_voting_code,
    point_from_hex,
)
from ballots.services.board import board_append
from ballots.services.credentials import CODE_COLUMNS, CredentialsError, private_writer
from ballots.services.notice_replacements import replaceable_scrutins
from ballots.services.notices import notice_of, notice_reference, notices_write
from core.audit import EventKind, record
from core.csvfiles import ImportRejected, RowError, open_csv

CODES_FILE = "codes-de-vote-remplaces.csv"
PUBLIC_FILE = "identifiants-remplaces.csv"
PUBLIC_COLUMNS = ["demande", "identifiant", "scrutin", "identifiant_public"]
DELIVERY_DIRS = {
    NoticeReplacement.Delivery.ESTABLISHMENT: "remise-etablissement",
    NoticeReplacement.Delivery.POST: "envoi-courrier",
}


@dataclass
class GeneratedReplacements:
    requests: int = 0
    credentials: int = 0
    skipped: list[str] = field(default_factory=list)  # identifiers who voted everywhere since
    notices: dict[str, PrintedNotices] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)  # identifier -> new formatted code


def replacements_generate(*, campaign: Campaign, out_dir: Path) -> GeneratedReplacements:
    """The authority's step for every approved request of the campaign (nothing written to
    the database): new codes (0600), notices, and the file for `replacements_import`."""
    approved = (
        NoticeReplacement.objects.filter(
            campaign=campaign, status=NoticeReplacement.Status.APPROVED
        )
        .select_related("agent__academie")
        .order_by("pk")
    )
    if not approved.exists():
        raise CredentialsError(
            _("La campagne %(slug)s n'a aucune demande de nouvelle notice approuvée.")
            % {"slug": campaign.slug}
        )
    out_dir = Path(out_dir)
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    result = GeneratedReplacements()
    by_delivery: dict[str, list] = {delivery: [] for delivery in DELIVERY_DIRS}
    with (
        private_writer(out_dir / CODES_FILE) as codes_out,
        (out_dir / PUBLIC_FILE).open("w", encoding="utf-8", newline="") as public_out,
    ):
        codes_csv, public_csv = csv.writer(codes_out), csv.writer(public_out)
        codes_csv.writerow(["demande", *CODE_COLUMNS])
        public_csv.writerow(PUBLIC_COLUMNS)
        for replacement in approved:
            agent = replacement.agent
            scrutins = replaceable_scrutins(agent_id=agent.pk, campaign=campaign)
            if not scrutins:
                result.skipped.append(agent.identifier)
                continue
            code = new_voting_code()
            formatted = format_voting_code(code)
            result.codes[agent.identifier] = formatted
            codes_csv.writerow(
                [
                    *(replacement.pk, agent.identifier, agent.surname, agent.first_name),
                    *(agent.academie.code, agent.workplace, agent.email, formatted),
                ]
            )
            for scrutin in scrutins:
                _secret, public = derive_credential(
                    code=code, campaign=campaign.slug, scrutin=scrutin
                )
                public_csv.writerow([replacement.pk, agent.identifier, scrutin, public.hex()])
                result.credentials += 1
            reference = notice_reference(agent, replacement=replacement.pk)
            by_delivery[replacement.delivery].append(
                notice_of(agent, code=formatted, reference=reference)
            )
            result.requests += 1
    for delivery, notices in by_delivery.items():
        if notices:
            result.notices[delivery] = notices_write(
                campaign=campaign,
                notices=notices,
                out_dir=out_dir / DELIVERY_DIRS[delivery],
                replacement=True,
            )
    return result


@dataclass(frozen=True)
class _Row:
    line: int
    replacement: NoticeReplacement
    scrutin: Scrutin
    credential: str


def _read(campaign: Campaign, source) -> tuple[list[_Row], list[RowError]]:
    requests = {
        r.pk: r
        for r in NoticeReplacement.objects.filter(
            campaign=campaign, status=NoticeReplacement.Status.APPROVED
        ).select_related("agent")
    }
    scrutins = {
        s.code: s for s in Scrutin.objects.filter(campaign=campaign, mode=Scrutin.Mode.INTERNET)
    }
    rows: list[_Row] = []
    errors: list[RowError] = []
    seen: dict[object, int] = {}
    for row in open_csv(source, required=PUBLIC_COLUMNS):
        number = row.get("demande")
        replacement = requests.get(int(number)) if number.isdigit() else None
        scrutin = scrutins.get(row.get("scrutin"))
        credential = row.get("identifiant_public").lower()
        if replacement is None:
            error = ("demande", _("pas une demande approuvée de la campagne (déjà traitée ?)"))
        elif replacement.agent.identifier != row.get("identifiant").lower():
            error = ("identifiant", _("ne correspond pas à l'électeur de la demande"))
        elif scrutin is None:
            error = ("scrutin", _("pas un scrutin par internet de la campagne"))
        elif not PublicCredential.objects.filter(
            agent_id=replacement.agent_id, scrutin=scrutin, replaced=False
        ).exists():
            error = ("scrutin", _("l'électeur n'a pas d'identifiant pour ce scrutin"))
        elif Participation.objects.filter(agent_id=replacement.agent_id, scrutin=scrutin).exists():
            error = ("scrutin", _("l'électeur a déjà voté à ce scrutin : pas de remplacement"))
        elif not _valid_point(credential):
            error = ("identifiant_public", _("point invalide du groupe"))
        elif credential in seen or PublicCredential.objects.filter(credential=credential).exists():
            error = ("identifiant_public", _("identifiant public déjà donné"))
        elif (replacement.pk, scrutin.pk) in seen:
            error = ("scrutin", _("deux fois le même scrutin pour cette demande"))
        else:
            seen[credential] = seen[(replacement.pk, scrutin.pk)] = row.line
            rows.append(_Row(row.line, replacement, scrutin, credential))
            continue
        errors.append(RowError(row.line, *error))
    return rows, errors


def _valid_point(text: str) -> bool:
    try:
        point_from_hex(text)
    except InvalidPoint:
        return False
    return True


@transaction.atomic
def replacements_import(
    *, campaign: Campaign, source: str | Path, at: datetime, actor=None, skip_invalid=False
) -> tuple[Counter, list[RowError]]:
    """Replace the credentials listed in the authority's file; all or nothing (with
    `skip_invalid`, the valid rows, and the others returned).

    Returns the number of credentials replaced per scrutin (what the board counts)."""
    if (
        campaign.voting_closed(at=at)
        or Board.objects.filter(campaign=campaign, closed=True).exists()
    ):
        raise CredentialsError(
            _("Le vote de la campagne %(slug)s est clos : plus aucun identifiant remplacé.")
            % {"slug": campaign.slug}
        )
    rows, errors = _read(campaign, source)
    if errors and not skip_invalid:
        raise ImportRejected(errors)
    sealed = campaign.is_sealed
    per_scrutin: Counter = Counter()
    per_request: dict[int, list[str]] = {}
    for row in rows:
        agent_id = row.replacement.agent_id
        # Locked before the émargement is read: a vote in flight either committed first
        # (seen here: refused) or waits and then finds its credential replaced.
        old = PublicCredential.objects.select_for_update().get(
            agent_id=agent_id, scrutin=row.scrutin, replaced=False
        )
        if Participation.objects.filter(agent_id=agent_id, scrutin=row.scrutin).exists():
            raise ImportRejected(
                [RowError(row.line, "scrutin", _("l'électeur vient de voter à ce scrutin"))]
            )
        PublicCredential.objects.filter(pk=old.pk).update(replaced=True)
        PublicCredential.objects.create(
            agent_id=agent_id, scrutin=row.scrutin, credential=row.credential
        )
        if sealed:
            board_append(
                campaign=campaign,
                kind=BoardEvent.Kind.CREDENTIAL_REPLACED,
                payload={"new": row.credential, "old": old.credential, "scrutin": row.scrutin.code},
                scrutin=row.scrutin.code,
            )
        per_scrutin[row.scrutin.code] += 1
        per_request.setdefault(row.replacement.pk, []).append(row.scrutin.code)
    for replacement in {row.replacement.pk: row.replacement for row in rows}.values():
        codes = per_request[replacement.pk]
        NoticeReplacement.objects.filter(pk=replacement.pk).update(
            status=NoticeReplacement.Status.ISSUED, issued_at=at, credentials_replaced=len(codes)
        )
        record(
            EventKind.CREDENTIALS_REPLACED,
            actor=actor,
            subject=replacement.agent.identifier,
            at=at,
            campaign=campaign.slug,
            scrutins=codes,
        )
    record(
        EventKind.CREDENTIALS_REPLACED,
        actor=actor,
        subject=campaign.slug,
        at=at,
        requests=len(per_request),
        per_scrutin=dict(per_scrutin),
    )
    return per_scrutin, errors
