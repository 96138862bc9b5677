"""Profile update requests: made by the elector until the deadline, reviewed by an admin.

The deadline is the current campaign's `profile_updates_open` gate; the review is
recorded in the audit trail and mailed to the elector's professional address.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from ballots.models import ProfileUpdateRequest
from ballots.selectors import current_campaigns, profile_updates_deadline
from core.audit import EventKind, record


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
    deadline = date_format(timezone.localtime(latest), _("j F Y à H:i"))
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
    request: HttpRequest | None = None,
) -> ProfileUpdateRequest:
    """Accept or reject a pending request with a reason; mail the elector the decision.

    Accepting records the decision: the correction itself is made in the directory
    (import_agents or the agent's admin page).
    """
    profile_request = (
        ProfileUpdateRequest.objects.select_for_update()
        .select_related("user", "agent")
        .get(pk=profile_request.pk)
    )
    if not profile_request.is_pending:
        raise ProfileRequestError(
            _("Cette demande a déjà été examinée le %(date)s.")
            % {
                "date": date_format(
                    timezone.localtime(profile_request.reviewed_at), _("j F Y à H:i")
                )
            }
        )
    reason = reason.strip()
    if not reason:
        raise ProfileRequestError(_("Indiquez le motif de la décision : l'électeur le recevra."))
    Status = ProfileUpdateRequest.Status
    profile_request.status = Status.ACCEPTED if accept else Status.REJECTED
    profile_request.reviewed_at = at
    profile_request.reviewed_by = reviewer
    profile_request.review_reason = reason
    profile_request.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_reason"])
    record(
        EventKind.PROFILE_REQUEST_REVIEWED,
        actor=reviewer,
        subject=profile_request.user.email,
        request=request,
        at=at,
        request_id=profile_request.pk,
        status=profile_request.status,
    )
    _mail_decision(profile_request, at=at)
    return profile_request


def _mail_decision(profile_request: ProfileUpdateRequest, *, at: datetime) -> None:
    campaign = next(iter(current_campaigns(at=at)), None)
    tag = campaign.mail_tag if campaign else ""
    url = settings.ELECTIONSPRO_SITE_URL.rstrip("/") + reverse("ballots:profile")
    with translation.override(settings.LANGUAGE_CODE):
        decision = profile_request.get_status_display()
        subject = _("Votre demande de mise à jour du profil : %(decision)s") % {
            "decision": decision
        }
        body = _(
            "Madame, Monsieur,\n\n"
            "Votre demande de mise à jour du profil du %(date)s (%(topic)s) a été %(decision)s.\n\n"
            "Motif : %(reason)s\n\n"
            "Vous pouvez consulter votre profil et l'état de vos demandes dans votre espace "
            "électeur :\n%(url)s\n\n"
            "Le ministère de l'éducation nationale\n"
        ) % {
            "date": date_format(timezone.localtime(profile_request.created_at), "j F Y"),
            "topic": profile_request.get_topic_display(),
            "decision": decision,
            "reason": profile_request.review_reason,
            "url": url,
        }
    EmailMessage(
        f"{tag} {subject}".strip(), body, settings.DEFAULT_FROM_EMAIL, [profile_request.user.email]
    ).send()
