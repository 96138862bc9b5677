"""Background work of the campaign, run by `manage.py db_worker` (django-tasks-db).

The receipt mail is queued in the vote's own transaction: the task row commits with
the émargement and the ballot, or not at all, and the worker sends it whenever it can
(a database or mail failure just after the vote no longer loses it). Its payload ties
an elector to a tracker, so it is stored sealed (libsodium's secretbox, key derived
from SECRET_KEY): the task table never shows who holds which tracker.
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

from ballots.models import Campaign, Scrutin
from ballots.protocol import format_tracking_number

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


def enqueue_receipt_mail(*, to: str, scrutin, at: datetime, tracker: str) -> None:
    """Queue 'your vote is recorded' with the tracker for `to`, in the caller's
    transaction. By design the tracker goes to the voter's own mailbox; the choice never does.
    The worker writes the mail (in the language the elector votes in): the vote's request
    only seals what the mail says."""
    payload = {
        "to": to,
        "scrutin": scrutin.pk,
        "at": at.isoformat(),
        "tracker": tracker,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }
    sealed = _receipt_box(settings.SECRET_KEY).encrypt(json.dumps(payload).encode())
    send_receipt_mail.enqueue(base64.b64encode(sealed).decode())


def _receipt_mail(payload: dict) -> tuple[str, str]:
    """(subject, body) of the receipt mail."""
    scrutin = Scrutin.objects.select_related("campaign").get(pk=payload["scrutin"])
    context = {
        "scrutin": scrutin,
        "voted_at": datetime.fromisoformat(payload["at"]),
        "tracker": format_tracking_number(payload["tracker"]),
        "campaign": scrutin.campaign,
    }
    with translation.override(payload["language"]):
        # One line whatever the template or the labels hold: no header can be injected.
        subject = render_to_string("ballots/voting/receipt_mail_subject.txt", context)
        body = render_to_string("ballots/voting/receipt_mail.txt", context)
    return " ".join(subject.split()), body


@task
def send_receipt_mail(sealed: str) -> None:
    """Send one queued receipt mail (its payload sealed by enqueue_receipt_mail)."""
    data = base64.b64decode(sealed)
    for secret_key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        try:
            payload = json.loads(_receipt_box(secret_key).decrypt(data))
            break
        except CryptoError:
            continue
    else:
        raise ValueError("receipt mail sealed under an unknown SECRET_KEY")
    subject, body = _receipt_mail(payload)
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[payload["to"]],
    ).send()
