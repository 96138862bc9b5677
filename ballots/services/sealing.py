"""Sealing: a checklist that must be empty, a fingerprint of the frozen configuration,
and the one change allowed afterwards, a logged extension of the closing time."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from ballots.models import (
    BoardEvent,
    Campaign,
    ElectionKey,
    Participation,
    RollEntry,
    Scrutin,
    Seal,
    VotingExtension,
)
from ballots.services.board import board_append
from ballots.services.campaign import validation_messages
from ballots.services.credentials import credentials_complete
from ballots.services.manifests import board_open, manifests_write
from core.audit import EventKind, record
from core.paris import paris_format
from webmail_auth.models import Agent


class SealingError(Exception):
    """A refusal to seal or extend; `problems` lists what is missing, in French."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def seal_checklist(campaign: Campaign) -> list[str]:
    """What still prevents sealing (empty when the campaign is ready)."""
    problems: list[str] = []
    dates = [
        campaign.rolls_from,
        campaign.candidacies_from,
        campaign.profile_updates_until,
        campaign.voting_opens,
        campaign.voting_closes,
        campaign.results_from,
    ]
    if any(value is None for value in dates):
        problems.append(_("le calendrier est incomplet"))
    else:
        try:
            campaign.clean()  # the calendar's order, as the database constraints check it
        except ValidationError as error:
            problems += [
                _("le calendrier est incohérent : %(reason)s") % {"reason": message}
                for message in validation_messages(error)
            ]
    scrutins = list(Scrutin.objects.filter(campaign=campaign).order_by("code"))
    if not scrutins:
        problems.append(_("la campagne n'a aucun scrutin"))
    with_roll = set(
        RollEntry.objects.filter(scrutin__campaign=campaign)
        .values_list("scrutin_id", flat=True)
        .distinct()
    )
    with_lists = set(
        Scrutin.objects.filter(campaign=campaign, lists__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    for scrutin in scrutins:
        if scrutin.mode != Scrutin.Mode.INTERNET:
            continue
        if scrutin.pk not in with_lists:
            problems.append(
                _("le scrutin %(code)s n'a aucune liste de candidats") % {"code": scrutin.code}
            )
        if scrutin.pk not in with_roll:
            problems.append(
                _("la liste électorale du scrutin %(code)s est vide") % {"code": scrutin.code}
            )
    key = ElectionKey.objects.filter(campaign=campaign).first()
    if key is None or not key.ready:
        problems.append(
            _(
                "la clé de l'élection n'est pas prête : les scrutateurs n'ont pas terminé "
                "leurs trois étapes (trustee_keygen)"
            )
        )
    if not credentials_complete(campaign):
        problems.append(
            _("les identifiants publics de vote n'ont pas été importés (import_credentials)")
        )
    if (
        BoardEvent.objects.filter(campaign=campaign, kind=BoardEvent.Kind.BALLOT).exists()
        or Participation.objects.filter(scrutin__campaign=campaign).exists()
    ):
        problems.append(_("l'urne n'est pas vide"))
    return problems


EMPTY_ROLL_DIGEST = hashlib.sha256(b"").hexdigest()


def _roll_digests(campaign: Campaign) -> dict[int, str]:
    """SHA-256 of each roll of the campaign: its agents' NUMEN digests, sorted, one per line.

    One query for the whole campaign. PostgreSQL hashes in SQL (millions of rows never
    cross the wire); elsewhere the rows stream in (scrutin, digest) order and Python hashes.
    A scrutin with an empty roll is absent (EMPTY_ROLL_DIGEST).
    """
    if connection.vendor == "postgresql":
        return _roll_digests_in_sql(campaign)
    digests: dict[int, str] = {}
    current, hasher = None, None
    entries = (
        RollEntry.objects.filter(scrutin__campaign=campaign)
        .order_by("scrutin_id", "agent__numen_digest")
        .values_list("scrutin_id", "agent__numen_digest")
        .iterator(chunk_size=10_000)
    )
    for scrutin_id, numen_digest in entries:
        if scrutin_id != current:
            if hasher is not None:
                digests[current] = hasher.hexdigest()
            current, hasher = scrutin_id, hashlib.sha256()
        hasher.update(numen_digest.encode() + b"\n")
    if hasher is not None:
        digests[current] = hasher.hexdigest()
    return digests


def _roll_digests_in_sql(campaign: Campaign) -> dict[int, str]:
    quote = connection.ops.quote_name
    roll, agents, scrutins = (
        quote(RollEntry._meta.db_table),
        quote(Agent._meta.db_table),
        quote(Scrutin._meta.db_table),
    )
    # The same bytes as the Python path: each digest followed by a newline, in the order of
    # ORDER BY numen_digest (the database's collation, as the ORM's order_by).
    sql = (
        "SELECT r.scrutin_id, encode(sha256(convert_to(string_agg(a.numen_digest || E'\\n', '' "  # noqa: S608
        f"ORDER BY a.numen_digest), 'UTF8')), 'hex') FROM {roll} r "
        f"JOIN {agents} a ON a.id = r.agent_id JOIN {scrutins} s ON s.id = r.scrutin_id "
        "WHERE s.campaign_id = %s GROUP BY r.scrutin_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign.pk])
        return dict(cursor.fetchall())


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def sealed_configuration(campaign: Campaign, *, closes: datetime) -> dict:
    """The canonical description that the seal's fingerprint covers.

    `closes` is the closing time as sealed, so a logged extension does not break it.
    """
    key = ElectionKey.objects.filter(campaign=campaign).first()
    rolls = _roll_digests(campaign)
    scrutins = []
    for scrutin in (
        Scrutin.objects.filter(campaign=campaign)
        .select_related("academie")
        .prefetch_related("lists__candidates")
        .order_by("code")
    ):
        scrutins.append(
            {
                "code": scrutin.code,
                "label": scrutin.label,
                "kind": scrutin.kind,
                "perimeter": scrutin.perimeter,
                "academie": scrutin.academie.code if scrutin.academie else "",
                "department": scrutin.department,
                "seats": scrutin.seats,
                "mode": scrutin.mode,
                "roll": rolls.get(scrutin.pk, EMPTY_ROLL_DIGEST),
                "lists": [
                    {
                        "id": lst.pk,
                        "position": lst.position,
                        "acronym": lst.acronym,
                        "organisation": lst.organisation,
                        "candidates": [
                            [c.rank, c.surname, c.first_name, c.quality]
                            for c in sorted(lst.candidates.all(), key=lambda c: c.rank)
                        ],
                    }
                    for lst in sorted(scrutin.lists.all(), key=lambda lst: lst.position)
                ],
            }
        )
    return {
        "campaign": campaign.slug,
        "calendar": {
            "rolls_from": _utc(campaign.rolls_from),
            "candidacies_from": _utc(campaign.candidacies_from),
            "profile_updates_until": _utc(campaign.profile_updates_until),
            "voting_opens": _utc(campaign.voting_opens),
            "voting_closes": _utc(closes),
            "results_from": _utc(campaign.results_from),
        },
        "scrutins": scrutins,
        "public_key": key.public_key if key else "",
        "manifests": {
            scrutin.code: scrutin.fingerprint
            for scrutin in Scrutin.objects.filter(campaign=campaign).order_by("code")
            if scrutin.fingerprint
        },
    }


def configuration_fingerprint(campaign: Campaign, *, closes: datetime) -> str:
    canonical = json.dumps(
        sealed_configuration(campaign, closes=closes),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def seal_intact(campaign: Campaign) -> bool:
    """Does the configuration still match the fingerprint recorded at sealing?"""
    seal = Seal.objects.filter(campaign=campaign).first()
    return seal is not None and seal.fingerprint == configuration_fingerprint(
        campaign, closes=seal.sealed_closes
    )


@transaction.atomic
def campaign_seal(*, campaign: Campaign, at: datetime, actor=None) -> Seal:
    """Freeze the campaign after checking it is complete and its box is empty."""
    Campaign.objects.select_for_update().get(pk=campaign.pk)
    if Seal.objects.filter(campaign=campaign).exists():
        raise SealingError(_("La campagne %(slug)s est déjà scellée.") % {"slug": campaign.slug})
    problems = seal_checklist(campaign)
    if problems:
        raise SealingError(
            _("La campagne %(slug)s ne peut pas être scellée :") % {"slug": campaign.slug}, problems
        )
    manifests_write(campaign)
    fingerprint = configuration_fingerprint(campaign, closes=campaign.voting_closes)
    event = board_open(campaign, configuration=fingerprint)
    seal = Seal.objects.create(
        campaign=campaign,
        sealed_at=at,
        sealed_by=actor,
        fingerprint=fingerprint,
        sealed_closes=campaign.voting_closes,
    )
    record(
        EventKind.CAMPAIGN_SEALED,
        actor=actor,
        subject=campaign.slug,
        at=at,
        fingerprint=fingerprint,
        board_event=event.hash,
    )
    return seal


@transaction.atomic
def voting_extend(
    *, campaign: Campaign, until: datetime, reason: str, at: datetime, actor=None
) -> VotingExtension:
    """Push the close back after an outage: only on a sealed campaign, while the vote is
    still open (decided before the close), later than the current close, and no later
    than the results date."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    reason = (reason or "").strip()
    if not reason:
        raise SealingError(_("Indiquez le motif de la prolongation (--reason)."))
    if not Seal.objects.filter(campaign=campaign).exists():
        raise SealingError(
            _("La campagne %(slug)s n'est pas scellée : modifiez directement son calendrier.")
            % {"slug": campaign.slug}
        )
    if campaign.voting_closed(at=at):
        raise SealingError(
            _("Le vote est déjà clos : une prolongation se décide avant la clôture.")
        )
    if not campaign.extends_close(until=until):
        raise SealingError(
            _("La nouvelle clôture doit être postérieure à la clôture actuelle (%(closes)s).")
            % {"closes": paris_format(campaign.voting_closes)}
        )
    if not campaign.closes_before_results(until=until):
        raise SealingError(
            _(
                "La nouvelle clôture ne peut pas dépasser la date de publication des "
                "résultats (%(results)s)."
            )
            % {"results": paris_format(campaign.results_from)}
        )
    extension = VotingExtension.objects.create(
        campaign=campaign,
        previous_closes=campaign.voting_closes,
        new_closes=until,
        reason=reason,
        decided_at=at,
        decided_by=actor,
    )
    Campaign.objects.filter(pk=campaign.pk).update(voting_closes=until)
    board_append(
        campaign=campaign,
        kind=BoardEvent.Kind.VOTING_EXTENDED,
        payload={
            "previous": extension.previous_closes.isoformat(),
            "until": until.isoformat(),
            "reason": reason,
        },
    )
    record(
        EventKind.VOTING_EXTENDED,
        actor=actor,
        subject=campaign.slug,
        at=at,
        previous_closes=extension.previous_closes.isoformat(),
        new_closes=until.isoformat(),
        reason=reason,
    )
    return extension
