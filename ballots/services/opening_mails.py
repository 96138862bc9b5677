"""The opening mail: "ouverture de votre espace électeur", once to every agent on a roll.

Each batch records its OpeningMail rows and hands its messages to the mailer in one
transaction. Academic addresses land in the webmail, stored in the same database,
so a crash rolls both back and a rerun resumes exactly where it stopped. (For an
outside SMTP relay, a crash between the relay's acceptance and the commit could
repeat one batch: the relay is not transactional.)
"""

import unicodedata
from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from ballots.models import Campaign, OpeningMail, RollEntry
from core.audit import EventKind, record
from core.paris import paris_format
from webmail_auth.models import Agent

BATCH_SIZE = 1000


class OpeningMailConflict(Exception):
    """Another worker mailed some agents of this batch at the same time: nothing was sent."""


def opening_mail_recipients(*, campaign: Campaign) -> QuerySet[Agent]:
    """Active agents on a roll of the campaign who have not had the opening mail."""
    on_roll = RollEntry.objects.filter(agent=OuterRef("pk"), scrutin__campaign=campaign)
    mailed = OpeningMail.objects.filter(agent=OuterRef("pk"), campaign=campaign)
    return Agent.objects.filter(Exists(on_roll), ~Exists(mailed), is_active=True).order_by("pk")


def opening_mail_batches(
    *, campaign: Campaign, batch_size: int = BATCH_SIZE
) -> Iterator[list[int]]:
    """The recipients' ids by batches, walked by id so that sending while iterating is safe."""
    last_id = 0
    while True:
        ids = list(
            opening_mail_recipients(campaign=campaign)
            .filter(pk__gt=last_id)
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return
        yield ids
        last_id = ids[-1]


def _without_capital_accent(text: str) -> str:
    """`Élections` → `Elections`: the 2014 subjects wrote capitals without accents."""
    if not text:
        return text
    base = unicodedata.normalize("NFD", text[0])[0]
    return base + text[1:] if text[0].isupper() else text


def opening_mail_subject(campaign: Campaign) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(tag)s %(name)s : ouverture de votre espace électeur") % {
            "tag": campaign.mail_tag,
            "name": _without_capital_accent(campaign.name),
        }


def opening_mail_body(*, campaign: Campaign, agent: Agent) -> str:
    url = settings.ELECTIONSPRO_SITE_URL.rstrip("/") + reverse("ballots:elector_home")
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Madame, Monsieur,\n\n"
            "Vous êtes appelé(e) à élire vos représentants du personnel lors des %(name)s. "
            "Le vote aura lieu par internet du %(opens)s au %(closes)s (heure de Paris).\n\n"
            "Votre espace électeur est ouvert :\n%(url)s\n\n"
            "Pour y accéder, créez votre compte avec votre adresse professionnelle (%(email)s) "
            "et un mot de passe de votre choix. Vous y trouverez :\n"
            "- votre profil, dont vous pouvez demander la correction jusqu'au %(deadline)s ;\n"
            "- les listes électorales, consultables à partir du %(rolls)s ;\n"
            "- les candidatures et professions de foi, publiées à partir du %(candidacies)s.\n\n"
            "Le ministère de l'éducation nationale\n"
        ) % {
            "name": campaign.name[:1].lower() + campaign.name[1:],
            "opens": paris_format(campaign.voting_opens, _("j F Y à H:i")),
            "closes": paris_format(campaign.voting_closes, _("j F Y à H:i")),
            "url": url,
            "email": agent.email,
            "deadline": paris_format(campaign.profile_updates_until, "j F Y"),
            "rolls": paris_format(campaign.rolls_from, "j F Y"),
            "candidacies": paris_format(campaign.candidacies_from, "j F Y"),
        }


def opening_mail_send_batch(
    *, campaign: Campaign, agent_ids: list[int], at: datetime | None = None
) -> int:
    """Mail the agents of `agent_ids` who still need it; return how many were mailed."""
    at = at or timezone.now()
    try:
        with transaction.atomic():
            agents = list(opening_mail_recipients(campaign=campaign).filter(pk__in=agent_ids))
            if not agents:
                return 0
            # Recorded first: a concurrent worker on the same agents fails here, before sending.
            OpeningMail.objects.bulk_create(
                [OpeningMail(campaign=campaign, agent=agent, sent_at=at) for agent in agents]
            )
            subject = opening_mail_subject(campaign)
            messages = [
                EmailMessage(
                    subject,
                    opening_mail_body(campaign=campaign, agent=agent),
                    settings.DEFAULT_FROM_EMAIL,
                    [agent.email],
                )
                for agent in agents
            ]
            mailers.default.send_messages(messages)
    except IntegrityError as error:
        raise OpeningMailConflict(
            _("Un autre envoi a traité une partie de ce lot en même temps : relancez la commande.")
        ) from error
    return len(agents)


def opening_mails_send(
    *,
    campaign: Campaign,
    batch_size: int = BATCH_SIZE,
    actor: User | None = None,
    progress=None,
) -> int:
    """Mail every recipient inline, batch after batch; return how many were mailed."""
    sent = 0
    total = opening_mail_recipients(campaign=campaign).count()
    for ids in opening_mail_batches(campaign=campaign, batch_size=batch_size):
        sent += opening_mail_send_batch(campaign=campaign, agent_ids=ids)
        if progress is not None:
            progress(
                _("%(sent)d / %(total)d courriel(s) envoyé(s)…") % {"sent": sent, "total": total}
            )
    record(EventKind.CAMPAIGN_OPENING_MAILS_SENT, actor=actor, subject=campaign.slug, sent=sent)
    return sent


def opening_mails_enqueue(
    *, campaign: Campaign, batch_size: int = BATCH_SIZE, actor: User | None = None
) -> int:
    """Queue one task per batch for `manage.py db_worker`; return the number of batches."""
    from ballots.tasks import send_opening_mail_batch

    batches = 0
    for ids in opening_mail_batches(campaign=campaign, batch_size=batch_size):
        send_opening_mail_batch.enqueue(campaign_id=campaign.pk, agent_ids=ids)
        batches += 1
    record(
        EventKind.CAMPAIGN_OPENING_MAILS_QUEUED, actor=actor, subject=campaign.slug, batches=batches
    )
    return batches
