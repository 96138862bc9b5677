"""Background work of the campaign, run by `manage.py db_worker` (django-tasks-db).

What follows a vote is one task queued in the vote's own transaction: it commits with
the émargement and the ballot, or not at all, and the worker does it whenever it can (a
database or mail failure just after the vote no longer loses it): the vote's line in the
audit trail, and the receipt mail. Its payload ties an elector to a tracker, so it is
stored sealed (libsodium's secretbox, key derived from SECRET_KEY): the task table never
shows who holds which tracker.
"""

import base64
import json
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from nacl.encoding import RawEncoder
from nacl.exceptions import CryptoError
from nacl.hash import blake2b
from nacl.secret import SecretBox

from accounts.models import User
from ballots.models import Campaign, Scrutin
from ballots.protocol import format_tracking_number
from core.audit import EventKind, record

RECEIPT_KEY_PERSONAL = b"ep-receipt-mail"  # domain separation of the derived key


@task
def send_opening_mail_batch(campaign_id: int, agent_ids: list[int]) -> int:
    """One batch of opening mails; safe to run twice (already-mailed agents are skipped)."""
    from ballots.services.opening_mails import opening_mail_send_batch

    campaign = Campaign.objects.get(pk=campaign_id)
    return opening_mail_send_batch(campaign=campaign, agent_ids=agent_ids)


def _receipt_box(secret_key: str) -> SecretBox:
    key = blake2b(
        secret_key.encode(),
        digest_size=SecretBox.KEY_SIZE,
        person=RECEIPT_KEY_PERSONAL,
        encoder=RawEncoder,
    )
    return SecretBox(key)


def enqueue_after_vote(
    *,
    actor_id: int | None,
    to: str,
    scrutin,
    at: datetime,
    tracker: str,
    address: str | None,
    mail: bool = True,
) -> None:
    """Queue what follows `actor_id`'s vote in `scrutin` at `at`, in the caller's transaction:
    the audit line (from `address`) and, if `mail`, "your vote is recorded" with the tracker
    for `to`. By design the tracker goes to the voter's own mailbox; the choice never goes
    anywhere. The worker writes the mail, in the language the elector votes in."""
    payload = {
        "actor": actor_id,
        "scrutin": scrutin.pk,
        "at": at.isoformat(),
        "address": address,
        "mail": {
            "to": to,
            "tracker": tracker,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        }
        if mail
        else None,
    }
    sealed = _receipt_box(settings.SECRET_KEY).encrypt(json.dumps(payload).encode())
    after_vote.enqueue(base64.b64encode(sealed).decode())


def _receipt_mail(scrutin: Scrutin, voted_at: datetime, mail: dict) -> tuple[str, str]:
    """(subject, body) of the receipt mail."""
    context = {
        "scrutin": scrutin,
        "voted_at": voted_at,
        "tracker": format_tracking_number(mail["tracker"]),
        "campaign": scrutin.campaign,
    }
    with translation.override(mail["language"]):
        # One line whatever the template or the labels hold: no header can be injected.
        subject = render_to_string("ballots/voting/receipt_mail_subject.txt", context)
        body = render_to_string("ballots/voting/receipt_mail.txt", context)
    return " ".join(subject.split()), body


def _unsealed(sealed: str) -> dict:
    data = base64.b64decode(sealed)
    for secret_key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        try:
            return json.loads(_receipt_box(secret_key).decrypt(data))
        except CryptoError:
            continue
    raise ValueError("vote follow-up sealed under an unknown SECRET_KEY")


@task
def after_vote(sealed: str) -> None:
    """What follows one vote (queued by enqueue_after_vote): its audit line (committed on
    its own), then its receipt mail. A failed mail fails the task; the line stays."""
    payload = _unsealed(sealed)
    scrutin = Scrutin.objects.select_related("campaign").get(pk=payload["scrutin"])
    voted_at = datetime.fromisoformat(payload["at"])
    actor = User.objects.filter(pk=payload["actor"]).first() if payload["actor"] else None
    record(
        EventKind.VOTE_CAST,
        actor=actor,
        subject=scrutin.code,
        at=voted_at,
        address=payload["address"],
    )
    if payload["mail"]:
        subject, body = _receipt_mail(scrutin, voted_at, payload["mail"])
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[payload["mail"]["to"]],
        ).send()
