"""Forms of the elector account flows (one module per flow)."""

from .auth import ChangePasswordForm, LoginForm, NewPasswordForm, PasswordResetRequestForm
from .signup import ResendConfirmationForm, SignupForm

__all__ = [
    "ChangePasswordForm",
    "LoginForm",
    "NewPasswordForm",
    "PasswordResetRequestForm",
    "ResendConfirmationForm",
    "SignupForm",
]
