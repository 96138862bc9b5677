"""Forms of the elector account flows (one module per flow)."""

from .auth import (
    AdminLoginForm,
    ChangePasswordForm,
    LoginForm,
    NewPasswordForm,
    PasswordResetRequestForm,
)
from .signup import ConfirmAccountForm, ResendConfirmationForm, SignupForm

__all__ = [
    "AdminLoginForm",
    "ChangePasswordForm",
    "ConfirmAccountForm",
    "LoginForm",
    "NewPasswordForm",
    "PasswordResetRequestForm",
    "ResendConfirmationForm",
    "SignupForm",
]
