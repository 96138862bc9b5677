"""Elector account flows (allauth-style): views validate a form, then call one of these.

Each function takes keyword-only arguments, including `at=` for the time, and
writes its audit event through core.audit.record (never a secret).
"""

from .passwords import password_change, password_reset_complete, password_reset_request
from .sessions import account_login, account_logout, language_remember, login_failed
from .signup import (
    Confirmation,
    account_confirm,
    account_signup,
    confirmation_resend,
    confirmation_send,
)

__all__ = [
    "Confirmation",
    "account_confirm",
    "account_login",
    "account_logout",
    "account_signup",
    "confirmation_resend",
    "confirmation_send",
    "language_remember",
    "login_failed",
    "password_change",
    "password_reset_complete",
    "password_reset_request",
]
