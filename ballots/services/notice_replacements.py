"""A lost notice de vote: the request (elector or guichet) and the académie's decision.

A replacement concerns only the scrutins in which the elector has not voted yet: a
request, an approval and the import of the new credentials are all refused once the
elector has voted in every scrutin the notice served (and the import skips none:
ballots.services.credential_replacements re-checks each scrutin at the last moment).
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ballots.models import Campaign, NoticeReplacement, Participation, PublicCredential
from core.audit import EventKind, record

APPROVE_PERMISSION = "ballots.approve_notice_replacement"


class NoticeReplacementRefused(Exception):
    """A request or a decision that cannot be made; the message is a French sentence."""


def replaceable_scrutins(*, agent_id: int, campaign: Campaign) -> list[str]:
    """The codes of the scrutins whose credential a new notice would replace: the elector
    holds a current credential there and has not voted there."""
    voted = Participation.objects.filter(agent_id=agent_id, scrutin__campaign=campaign).values(
        "scrutin_id"
    )
    return sorted(
        PublicCredential.objects.filter(
            agent_id=agent_id, scrutin__campaign=campaign, replaced=False
        )
        .exclude(scrutin_id__in=voted)
        .values_list("scrutin__code", flat=True)
    )


def replacement_campaigns(*, agent_id: int, at: datetime) -> list[Campaign]:
    """The campaigns for which this elector holds a voting code and voting is not over."""
    campaign_ids = PublicCredential.objects.filter(agent_id=agent_id, replaced=False).values(
        "scrutin__campaign_id"
    )
    return [
        campaign
        for campaign in Campaign.objects.filter(pk__in=campaign_ids).order_by("voting_opens")
        if not campaign.voting_closed(at=at)
    ]


def replacement_refusal(*, agent_id: int, campaign: Campaign, at: datetime) -> str | None:
    """Why no new notice can be asked for now (a French sentence), or None."""
    if campaign.voting_closed(at=at):
        return _("Le vote est clos : la notice de vote ne peut plus être remplacée.")
    has_code = PublicCredential.objects.filter(
        agent_id=agent_id, scrutin__campaign=campaign
    ).exists()
    if not has_code:
        return _("Aucun code de vote ne vous a encore été attribué pour %(campaign)s.") % {
            "campaign": campaign.name
        }
    if not replaceable_scrutins(agent_id=agent_id, campaign=campaign):
        return _(
            "Vous avez déjà voté à chacun de vos scrutins : une notice ne peut plus être "
            "remplacée pour un scrutin où vous avez voté."
        )
    return None


def notice_replacement_request(
    *,
    agent,
    campaign: Campaign,
    reason: str,
    at: datetime,
    by=None,
    by_guichet: bool = False,
    delivery: str = NoticeReplacement.Delivery.ESTABLISHMENT,
    request=None,
) -> NoticeReplacement:
    """Ask for a new notice (the elector, or the guichet for them: `by_guichet`)."""
    refusal = replacement_refusal(agent_id=agent.pk, campaign=campaign, at=at)
    if refusal is not None:
        record(
            EventKind.NOTICE_REPLACEMENT_REFUSED,
            actor=by,
            subject=agent.identifier,
            request=request,
            at=at,
            campaign=campaign.slug,
            step="request",
        )
        raise NoticeReplacementRefused(refusal)
    try:
        with transaction.atomic():
            replacement = NoticeReplacement.objects.create(
                campaign=campaign,
                agent=agent,
                requested_by=by,
                by_guichet=by_guichet,
                reason=reason.strip(),
                delivery=delivery,
                created_at=at,
            )
    except IntegrityError:
        raise NoticeReplacementRefused(
            _(
                "Une demande de nouvelle notice est déjà en cours pour %(campaign)s : "
                "son état est affiché sur la page « Notice de vote »."
            )
            % {"campaign": campaign.name}
        ) from None
    record(
        EventKind.NOTICE_REPLACEMENT_REQUESTED,
        actor=by,
        subject=agent.identifier,
        request=request,
        at=at,
        campaign=campaign.slug,
        by_guichet=by_guichet,
        delivery=delivery,
        scrutins=replaceable_scrutins(agent_id=agent.pk, campaign=campaign),
    )
    return replacement


@transaction.atomic
def notice_replacement_review(
    *,
    replacement: NoticeReplacement,
    approve: bool,
    by,
    at: datetime,
    note: str = "",
    request=None,
) -> NoticeReplacement:
    """Approve or refuse a pending request (approval needs `approve_notice_replacement`)."""
    replacement = NoticeReplacement.objects.select_for_update().get(pk=replacement.pk)
    if not by.has_perm(APPROVE_PERMISSION):
        raise NoticeReplacementRefused(
            _("Seul un administrateur d'académie habilité peut examiner cette demande.")
        )
    if replacement.status != NoticeReplacement.Status.PENDING:
        raise NoticeReplacementRefused(_("Cette demande a déjà été examinée."))
    if approve:
        refusal = replacement_refusal(
            agent_id=replacement.agent_id, campaign=replacement.campaign, at=at
        )
        if refusal is not None:
            raise NoticeReplacementRefused(refusal)
    replacement.status = (
        NoticeReplacement.Status.APPROVED if approve else NoticeReplacement.Status.REFUSED
    )
    replacement.reviewed_at, replacement.reviewed_by = at, by
    replacement.review_note = note.strip()
    replacement.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
    record(
        EventKind.NOTICE_REPLACEMENT_REVIEWED,
        actor=by,
        subject=replacement.agent.identifier,
        request=request,
        at=at,
        campaign=replacement.campaign.slug,
        decision=replacement.status,
    )
    return replacement
