"""Password fields that state the policy of AUTH_PASSWORD_VALIDATORS (accounts/validators.py)."""

from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from webmail_auth.session import get_webmail_agent


def password_policy_help_text() -> str:
    """The configured validators' help texts; the length is already in the seed's sentence."""
    return " ".join(
        str(validator.get_help_text())
        for validator in password_validation.get_default_password_validators()
        if not isinstance(validator, MinimumLengthValidator)
    )


ADDRESS_EXAMPLE = gettext_lazy(
    "Par exemple : camille.martin@ac-lyon.fr (prénom.nom@ac-votre académie)"
)


def address_of_this_browser(form, field_name: str, request) -> None:
    """Who opened their academic webmail in this browser is told their own address (the
    hint names their académie) and finds it typed; anyone else sees a neutral example."""
    agent = get_webmail_agent(request) if request is not None else None
    if agent is None:
        return
    form.fields[field_name].help_text = _(
        "Votre adresse est %(email)s (celle de votre messagerie académique)."
    ) % {"email": agent.email}
    form.fields[field_name].initial = agent.email


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
