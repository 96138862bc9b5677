"""Forms of the elector account flows (one module per flow)."""

from .auth import ChangePasswordForm, LoginForm, NewPasswordForm, PasswordResetRequestForm
from .signup import ConfirmAccountForm, ResendConfirmationForm, SignupForm

__all__ = [
    "ChangePasswordForm",
    "ConfirmAccountForm",
    "LoginForm",
    "NewPasswordForm",
    "PasswordResetRequestForm",
    "ResendConfirmationForm",
    "SignupForm",
]
