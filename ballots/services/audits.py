"""The Benaloh audit of a ballot the booth prepared but did not cast.

The booth reveals the ballot's randomness and the choice; `ballot_audit` checks, with
the protocol's `audit_ballot`, that the ballot is valid and encrypts exactly that
choice. It never casts anything. When the ballot belongs to a sealed scrutin of this
portal and is signed by one of its electors' credentials, its α are recorded with the
α of the ballots cast: a later attempt to cast this ballot (or any ballot reusing its
revealed encryptions) is refused as a repeated α. The choice is shown to whoever asked,
never stored nor logged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ballots.models import BallotAlpha, PublicCredential, Scrutin
from ballots.protocol import (
    REASONS,
    BallotRejected,
    InvalidManifest,
    audit_from_json,
    format_tracking_number,
)
from core.audit import EventKind, record


@dataclass(frozen=True)
class AuditOutcome:
    """What the audit page shows."""

    ok: bool
    message: str
    tracking_number: str = ""
    choice_label: str = ""
    scrutin: Scrutin | None = None
    locked: bool = False


def _failure(message: str) -> AuditOutcome:
    return AuditOutcome(ok=False, message=message)


@sensitive_variables("data", "document")
def ballot_audit(*, data: bytes, at: datetime, request=None) -> AuditOutcome:
    """Check an audit file; lock the audited ballot out of its scrutin's box if it is ours."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _failure(_("Ce fichier d'audit n'est pas un document JSON lisible."))
    try:
        verified = audit_from_json(document)
    except InvalidManifest:
        return _failure(_("Audit en échec : le manifeste du scrutin est invalide."))
    except BallotRejected as error:
        if error.reason == "audit_mismatch":
            reason = _("le bulletin ne chiffre pas le choix révélé")
        else:
            reason = REASONS.get(error.reason, error.reason)
        return _failure(_("Audit en échec : %(reason)s.") % {"reason": reason})
    ballot, manifest = document["ballot"], document["manifest"]
    scrutin = (
        Scrutin.objects.filter(
            campaign__slug=manifest["campaign"],
            code=manifest["scrutin"],
            fingerprint=ballot["fingerprint"],
        )
        .select_related("campaign")
        .first()
    )
    locked = False
    if (
        scrutin is not None
        and PublicCredential.objects.filter(
            scrutin=scrutin, credential=verified.credential
        ).exists()
    ):
        BallotAlpha.objects.bulk_create(
            [
                BallotAlpha(scrutin=scrutin, alpha=alpha.hex())
                for alpha, _beta in verified.ciphertexts
            ],
            ignore_conflicts=True,
        )
        locked = True
        record(EventKind.BALLOT_AUDITED, subject=scrutin.code, request=request, at=at)
    return AuditOutcome(
        ok=True,
        message=_(
            "Audit réussi : ce bulletin chiffre bien le choix révélé et toutes ses preuves "
            "sont valides."
        ),
        tracking_number=format_tracking_number(verified.tracking_number),
        choice_label=manifest["slots"][document["choice"]],
        scrutin=scrutin,
        locked=locked,
    )
