"""Creating and confirming an elector account.

Enumeration is prevented on purpose: whatever the address (unknown, already
an account, new), the caller shows the same page. Every branch hashes the
password, writes a row and composes a mail (the unknown branch sends nothing),
so the timing says nothing either.
"""

from datetime import datetime
from enum import Enum

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import translation
from django.views.decorators.debug import sensitive_variables

from core.audit import EventKind, record
from webmail_auth.identifiers import normalise_address
from webmail_auth.models import Agent

from ..mails import compose_unsent_mail, send_confirmation_mail, send_existing_account_mail
from ..models import User
from ..tokens import user_for_confirmation_token


@sensitive_variables("password")
@transaction.atomic
def account_signup(*, email: str, password: str, request: HttpRequest, at: datetime) -> None:
    """Open an account for an active agent's professional address, or do the quiet thing.

    - unknown or inactive address: nothing is sent (the attempt is only recorded);
    - account already confirmed: a mail says so, with the login and reset links;
    - account not yet confirmed: the new password replaces the old one and a new
      link is sent (older links die with the old password);
    - new: the account is created, unconfirmed, and the confirmation link is sent.
    """
    email = normalise_address(email)
    agent = Agent.objects.filter(email=email, is_active=True).first()
    if agent is None:
        make_password(password)
        record(EventKind.SIGNUP_UNKNOWN_ADDRESS, subject=email, request=request, at=at)
        compose_unsent_mail(email=email, request=request, at=at)
        return

    user = (User.objects.with_email(email) | User.objects.filter(agent=agent)).first()
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    agent.email,
                    password,
                    agent=agent,
                    first_name=agent.first_name,
                    last_name=agent.surname,
                    date_joined=at,
                    language=translation.get_language() or "",
                )
        except IntegrityError:
            # A simultaneous sign-up for the same agent won: treat as existing.
            make_password(password)
            record(EventKind.SIGNUP_EXISTING_ACCOUNT, subject=email, request=request, at=at)
            return
        record(EventKind.ACCOUNT_CREATED, actor=user, subject=user.email, request=request, at=at)
        send_confirmation_mail(user=user, request=request, at=at)
    elif not user.is_confirmed:
        user.set_password(password)
        user.language = translation.get_language() or ""
        user.save(update_fields=["password", "language"])
        record(
            EventKind.ACCOUNT_SIGNUP_REPEATED,
            actor=user,
            subject=user.email,
            request=request,
            at=at,
        )
        send_confirmation_mail(user=user, request=request, at=at)
    else:
        make_password(password)
        record(EventKind.SIGNUP_EXISTING_ACCOUNT, subject=user.email, request=request, at=at)
        send_existing_account_mail(user=user, request=request, at=at)


class Confirmation(Enum):
    """What became of a confirmation attempt (the page the view shows)."""

    CONFIRMED = "confirmed"
    BAD_LINK = "bad_link"
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 - an outcome, not a password


@sensitive_variables("password")
@transaction.atomic
def account_confirm(
    *, token: str, password: str, request: HttpRequest, at: datetime
) -> tuple[Confirmation, User | None]:
    """Activate the account the link was made for, if `password` is the one chosen at sign-up.

    The link proves the mailbox, the password proves who signed up: a stranger's sign-up
    with someone else's address cannot be activated by that person's click. A wrong link
    (used, replaced by a later sign-up, expired, tampered with) changes nothing.
    """
    user = user_for_confirmation_token(token, at=at)
    if user is None:
        record(EventKind.ACCOUNT_CONFIRMATION_REFUSED, request=request, at=at)
        return Confirmation.BAD_LINK, None
    # hashers.check_password, not user.check_password: an upgraded hash would kill the link.
    if not check_password(password, user.password):
        record(
            EventKind.ACCOUNT_CONFIRMATION_WRONG_PASSWORD, actor=user, subject=user.email,
            request=request, at=at,
        )  # fmt: skip
        return Confirmation.WRONG_PASSWORD, user
    user.confirmed_at = at
    user.save(update_fields=["confirmed_at"])
    record(EventKind.ACCOUNT_CONFIRMED, actor=user, subject=user.email, request=request, at=at)
    return Confirmation.CONFIRMED, user


def confirmation_send(*, user: User, request: HttpRequest, at: datetime) -> bool:
    """Send a fresh confirmation link to an unconfirmed account (admin action, resend form)."""
    if user.is_confirmed or not user.is_active:
        return False
    send_confirmation_mail(user=user, request=request, at=at)
    record(EventKind.CONFIRMATION_RESENT, actor=user, subject=user.email, request=request, at=at)
    return True


def confirmation_resend(*, email: str, request: HttpRequest, at: datetime) -> None:
    """The public resend form: same answer whatever the address."""
    email = normalise_address(email)
    user = User.objects.with_email(email).filter(confirmed_at__isnull=True).first()
    if user is None:
        record(EventKind.CONFIRMATION_RESEND_IGNORED, subject=email, request=request, at=at)
        return
    confirmation_send(user=user, request=request, at=at)
