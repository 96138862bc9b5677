"""Signed, expiring, single-use links for confirming an elector's address.

Django's PasswordResetTokenGenerator does the signing and the expiry
(PASSWORD_RESET_TIMEOUT, 3 days): only the hashed state differs. The state
includes `confirmed_at` and the password hash, so a link dies once used and
when a later sign-up replaces the password.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import ngettext

from .models import User


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for /electeur/confirmer/<token>/, checked at the instant `at`."""

    key_salt = "accounts.tokens.EmailConfirmationTokenGenerator"

    def __init__(self, *, at: datetime | None = None) -> None:
        super().__init__()
        self.at = at

    def _now(self) -> datetime:
        # The parent counts naive seconds; UTC keeps issuing and checking consistent.
        return (self.at or timezone.now()).astimezone(UTC).replace(tzinfo=None)

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        confirmed = "" if user.confirmed_at is None else user.confirmed_at.timestamp()
        return f"{user.pk}{user.password}{confirmed}{timestamp}{user.email}{user.is_active}"


def confirmation_token(user: User, *, at: datetime) -> str:
    """The token of the confirmation link: `<uidb64>.<timestamp>-<hash>`."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{uidb64}.{EmailConfirmationTokenGenerator(at=at).make_token(user)}"


def user_for_confirmation_token(token: str, *, at: datetime) -> User | None:
    """The unconfirmed account the token was made for, if still valid at `at`."""
    uidb64, _sep, signed = token.partition(".")
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None or user.is_confirmed or not user.is_active:
        return None
    if not EmailConfirmationTokenGenerator(at=at).check_token(user, signed):
        return None
    return user


def link_lifetime() -> str:
    """How long a confirmation or reset link lives (PASSWORD_RESET_TIMEOUT), worded the same
    way in every page and mail: in days when it is whole days, else in hours."""
    seconds = settings.PASSWORD_RESET_TIMEOUT
    if seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(count)d jour", "%(count)d jours", days) % {"count": days}
    hours = max(1, seconds // 3600)
    return ngettext("%(count)d heure", "%(count)d heures", hours) % {"count": hours}
