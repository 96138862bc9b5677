"""Composing a portal mail: the subject's tag, the body from a template, the portal's identity.

Mail goes through Django's mail API, so academic addresses land in the webmail
(webmail_auth.mail); apps only compose and send.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def compose_mail(*, to: str, subject: str, template: str, context: dict, tag: str) -> EmailMessage:
    """A plain-text mail to one address; `tag` (the campaign's, `[Electionspro2014]`) opens
    the subject and the template sees the portal's identity as PORTAL."""
    return EmailMessage(
        subject=f"{tag} {subject}" if tag else subject,
        body=render_to_string(template, {"PORTAL": settings.PORTAL, **context}),
        to=[to],
    )
