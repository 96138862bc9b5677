"""Forgotten and changed passwords. The policy is AUTH_PASSWORD_VALIDATORS, checked by
the forms; these functions only write, mail and record."""

from datetime import datetime

from axes.utils import reset as axes_reset
from django.db import transaction
from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from core.audit import EventKind, record
from webmail_auth.identifiers import normalise_address

from ..mails import send_password_reset_mail
from ..models import User


def password_reset_request(*, email: str, request: HttpRequest, at: datetime) -> None:
    """Mail a reset link to the active account with that address, if there is one.

    The page that follows is the same either way (no enumeration).
    """
    email = normalise_address(email)
    user = User.objects.with_email(email).filter(is_active=True).first()
    if user is None or not user.has_usable_password():
        record(
            EventKind.PASSWORD_RESET_REQUESTED, subject=email, request=request, at=at, known=False
        )
        return
    send_password_reset_mail(user=user, request=request, at=at)
    record(
        EventKind.PASSWORD_RESET_REQUESTED,
        actor=user,
        subject=user.email,
        request=request,
        at=at,
        known=True,
    )


@sensitive_variables("password")
@transaction.atomic
def password_reset_complete(
    *, user: User, password: str, request: HttpRequest, at: datetime
) -> None:
    """Set the new password from a reset link.

    The link came through the mailbox, so it also confirms an unconfirmed address;
    and it lifts a lockout on that address.
    """
    user.set_password(password)
    fields = ["password"]
    if not user.is_confirmed:
        user.confirmed_at = at
        fields.append("confirmed_at")
    user.save(update_fields=fields)
    axes_reset(username=user.email)
    record(EventKind.PASSWORD_RESET_DONE, actor=user, subject=user.email, request=request, at=at)


@sensitive_variables("password")
def password_change(*, user: User, password: str, request: HttpRequest, at: datetime) -> None:
    """Change the password of the logged-in elector (the caller keeps the session valid)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record(EventKind.PASSWORD_CHANGED, actor=user, subject=user.email, request=request, at=at)
