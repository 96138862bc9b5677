"""Composing a portal mail: the subject's tag, the body from a template, the portal's identity.

Mail goes through Django's mail API, so academic addresses land in the webmail
(webmail_auth.mail); apps only compose and send.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.module_loading import import_string

# Used until a campaign exists (the demo's tag, see docs/interface.md).
DEFAULT_MAIL_TAG = "[Electionspro2014]"


def current_mail_tag(*, at: datetime) -> str:
    """The tag that opens every subject: the current campaign's, else DEFAULT_MAIL_TAG.

    Campaigns live in a higher app: the setting MAIL_TAG_SOURCE names its function
    `(at=datetime) -> str` (an extension point, so that core imports no app).
    """
    source = getattr(settings, "MAIL_TAG_SOURCE", "")
    return (import_string(source)(at=at) if source else "") or DEFAULT_MAIL_TAG


def compose_mail(*, to: str, subject: str, template: str, context: dict, tag: str) -> EmailMessage:
    """A plain-text mail to one address; `tag` (the campaign's, `[Electionspro2014]`) opens
    the subject and the template sees the portal's identity as PORTAL."""
    # One line whatever a label holds: a line break would be a header injection
    # (Django's BadHeaderError, a failed send).
    return EmailMessage(
        subject=" ".join(f"{tag} {subject}".split()),
        body=render_to_string(template, {"PORTAL": settings.PORTAL, **context}),
        to=[to],
    )
