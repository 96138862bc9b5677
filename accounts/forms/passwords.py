"""Password fields that state the policy of AUTH_PASSWORD_VALIDATORS (accounts/validators.py)."""

from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import MinimumLengthValidator


def password_policy_help_text() -> str:
    """The configured validators' help texts; the length is already in the seed's sentence."""
    return " ".join(
        str(validator.get_help_text())
        for validator in password_validation.get_default_password_validators()
        if not isinstance(validator, MinimumLengthValidator)
    )


NEW_PASSWORD_FIELDS = {"password1", "password2", "new_password1", "new_password2"}
CURRENT_PASSWORD_FIELDS = {"password", "old_password"}


def dsfr_inputs(form) -> None:
    """DSFR classes and password-manager hints on every input of `form`."""
    for name, field in form.fields.items():
        field.widget.attrs.setdefault("class", "fr-input")
        if name in NEW_PASSWORD_FIELDS:
            field.widget.attrs["autocomplete"] = "new-password"
        elif name in CURRENT_PASSWORD_FIELDS:
            field.widget.attrs["autocomplete"] = "current-password"
