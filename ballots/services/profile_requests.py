"""Profile update requests: made by the elector until the deadline, reviewed by an admin.

The deadline is the current campaign's `profile_updates_open` gate; the review is
recorded in the audit trail and mailed to the elector's professional address.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from ballots.models import ProfileUpdateRequest, RollEntry, Scrutin
from ballots.selectors import current_campaigns, profile_updates_deadline
from ballots.services.campaign import CampaignSealed, ensure_campaign_editable
from core.audit import EventKind, record
from core.paris import paris_format


class ProfileUpdatesClosed(Exception):
    """The deadline has passed (or there is no campaign): the message says until when it was."""


class ProfileRequestError(Exception):
    """The review cannot be recorded as asked; the message is a French sentence."""


def profile_updates_closed_message(*, at: datetime) -> str | None:
    """Why a request cannot be made now, or None while requests are accepted."""
    campaigns = current_campaigns(at=at)
    if not campaigns:
        return _(
            "Aucune campagne électorale n'est ouverte : les demandes de mise à jour ne "
            "sont pas reçues pour le moment."
        )
    if profile_updates_deadline(at=at, campaigns=campaigns) is not None:
        return None
    latest = max(campaign.profile_updates_until for campaign in campaigns)
    deadline = paris_format(latest, _("j F Y à H:i"))
    return _(
        "Les demandes de mise à jour du profil étaient reçues jusqu'au %(deadline)s "
        "(heure de Paris) : ce délai est passé."
    ) % {"deadline": deadline}


@transaction.atomic
def profile_request_create(
    *,
    user: User,
    topic: str,
    current_value: str,
    requested_value: str,
    at: datetime,
    request: HttpRequest | None = None,
) -> ProfileUpdateRequest:
    """Record the elector's request, if the deadline has not passed at `at`."""
    closed = profile_updates_closed_message(at=at)
    if closed is not None:
        raise ProfileUpdatesClosed(closed)
    if user.agent_id is None:
        raise ProfileRequestError(_("Ce compte n'est rattaché à aucun agent de l'annuaire."))
    profile_request = ProfileUpdateRequest.objects.create(
        user=user,
        agent_id=user.agent_id,
        topic=topic,
        current_value=current_value.strip(),
        requested_value=requested_value.strip(),
        created_at=at,
    )
    record(
        EventKind.PROFILE_REQUEST_CREATED,
        actor=user,
        subject=user.email,
        request=request,
        at=at,
        request_id=profile_request.pk,
        topic=topic,
    )
    return profile_request


@transaction.atomic
def profile_request_review(
    *,
    profile_request: ProfileUpdateRequest,
    reviewer: User,
    accept: bool,
    reason: str,
    at: datetime,
    correction: str = "",
    add_to: Iterable[Scrutin] = (),
    remove_from: Iterable[Scrutin] = (),
    request: HttpRequest | None = None,
) -> ProfileUpdateRequest:
    """Accept or reject a pending request with a reason; mail the elector the decision.

    Accepting applies the correction: the corps or the affectation in the directory
    (`correction`, else the value asked for); for the scrutins, the rolls of `add_to` and
    `remove_from`, while their campaign is not sealed. Any other topic is corrected
    elsewhere and `correction` says precisely what the administrator changed. What changed
    is kept on the request (the elector's profile shows it) and in the audit trail.
    """
    profile_request = (
        ProfileUpdateRequest.objects.select_for_update()
        .select_related("user", "agent")
        .get(pk=profile_request.pk)
    )
    if not profile_request.is_pending:
        raise ProfileRequestError(
            _("Cette demande a déjà été examinée le %(date)s.")
            % {"date": paris_format(profile_request.reviewed_at, _("j F Y à H:i"))}
        )
    reason = reason.strip()
    if not reason:
        raise ProfileRequestError(_("Indiquez le motif de la décision : l'électeur le recevra."))
    Status = ProfileUpdateRequest.Status
    if accept:
        profile_request.applied_change = _apply(
            profile_request,
            correction=correction.strip(),
            add_to=list(add_to),
            remove_from=list(remove_from),
        )
    profile_request.status = Status.ACCEPTED if accept else Status.REJECTED
    profile_request.reviewed_at = at
    profile_request.reviewed_by = reviewer
    profile_request.review_reason = reason
    profile_request.save(
        update_fields=["status", "reviewed_at", "reviewed_by", "review_reason", "applied_change"]
    )
    record(
        EventKind.PROFILE_REQUEST_REVIEWED,
        actor=reviewer,
        subject=profile_request.user.email,
        request=request,
        at=at,
        request_id=profile_request.pk,
        status=profile_request.status,
        applied_change=profile_request.applied_change,
    )
    _mail_decision(profile_request, at=at)
    return profile_request


# The directory fields an accepted request writes itself, by topic.
DIRECTORY_FIELDS = {
    ProfileUpdateRequest.Topic.CORPS: ("corps", _lazy("Corps")),
    ProfileUpdateRequest.Topic.WORKPLACE: ("workplace", _lazy("Affectation")),
}


def _apply(
    profile_request: ProfileUpdateRequest,
    *,
    correction: str,
    add_to: list[Scrutin],
    remove_from: list[Scrutin],
) -> str:
    """Make the accepted correction and say it in one sentence per change."""
    topic = profile_request.topic
    agent = profile_request.agent
    if topic in DIRECTORY_FIELDS:
        field, label = DIRECTORY_FIELDS[topic]
        old, new = getattr(agent, field), correction or profile_request.requested_value
        setattr(agent, field, new[: agent._meta.get_field(field).max_length])
        agent.save(update_fields=[field, "updated_at"])
        return _("%(field)s : « %(old)s » → « %(new)s »") % {
            "field": label,
            "old": old,
            "new": getattr(agent, field),
        }
    if topic == ProfileUpdateRequest.Topic.SCRUTINS:
        if not add_to and not remove_from:
            raise ProfileRequestError(
                _("Choisissez les scrutins à ajouter ou à retirer de ses listes électorales.")
            )
        return "\n".join(_change_rolls(agent, add_to=add_to, remove_from=remove_from))
    if not correction:
        raise ProfileRequestError(
            _(
                "Décrivez précisément la modification effectuée (ex. « nom corrigé dans "
                "l'annuaire : Dupond → Dupont ») : l'électeur la lira dans son profil."
            )
        )
    return correction


def _change_rolls(agent, *, add_to: list[Scrutin], remove_from: list[Scrutin]) -> list[str]:
    changes = []
    for scrutin in [*add_to, *remove_from]:
        try:
            ensure_campaign_editable(scrutin.campaign)
        except CampaignSealed as sealed:
            raise ProfileRequestError(str(sealed)) from None
    for scrutin in add_to:
        _entry, created = RollEntry.objects.get_or_create(scrutin=scrutin, agent=agent)
        if created:
            changes.append(
                _("Ajouté(e) à la liste électorale de %(code)s (%(campaign)s)")
                % {"code": scrutin.code, "campaign": scrutin.campaign.name}
            )
    for scrutin in remove_from:
        deleted, _rows = RollEntry.objects.filter(scrutin=scrutin, agent=agent).delete()
        if deleted:
            changes.append(
                _("Retiré(e) de la liste électorale de %(code)s (%(campaign)s)")
                % {"code": scrutin.code, "campaign": scrutin.campaign.name}
            )
    if not changes:
        raise ProfileRequestError(_("Ces listes électorales sont déjà telles que demandé."))
    return changes


def _mail_decision(profile_request: ProfileUpdateRequest, *, at: datetime) -> None:
    campaign = next(iter(current_campaigns(at=at)), None)
    tag = campaign.mail_tag if campaign else ""
    url = settings.ELECTIONSPRO_SITE_URL.rstrip("/") + reverse("ballots:profile")
    with translation.override(profile_request.user.language or settings.LANGUAGE_CODE):
        decision = profile_request.get_status_display()
        subject = _("Votre demande de mise à jour du profil : %(decision)s") % {
            "decision": decision
        }
        body = _(
            "Madame, Monsieur,\n\n"
            "Votre demande de mise à jour du profil du %(date)s (%(topic)s) a été %(decision)s.\n\n"
            "Motif : %(reason)s\n\n"
            "%(change)s"
            "Vous pouvez consulter votre profil et l'état de vos demandes dans votre espace "
            "électeur :\n%(url)s\n\n"
            "Le ministère de l'éducation nationale\n"
        ) % {
            "date": paris_format(profile_request.created_at, "j F Y"),
            "topic": profile_request.get_topic_display(),
            "decision": decision,
            "reason": profile_request.review_reason,
            "change": (
                _("Modification effectuée :") + f"\n{profile_request.applied_change}\n\n"
                if profile_request.applied_change
                else ""
            ),
            "url": url,
        }
    EmailMessage(
        f"{tag} {subject}".strip(), body, settings.DEFAULT_FROM_EMAIL, [profile_request.user.email]
    ).send()
