"""Login and password forms: Django's, with French labels and DSFR inputs."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.textrules import BoundedTextMixin
from webmail_auth.identifiers import normalise_address

from .passwords import (
    ADDRESS_EXAMPLE,
    address_of_this_browser,
    dsfr_inputs,
    password_policy_help_text,
)


class LoginForm(BoundedTextMixin, auth_forms.AuthenticationForm):
    """Address + password. Who may log in is decided in confirm_login_allowed."""

    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. Le mot de passe de l'espace "
            "électeur est celui que vous avez choisi en créant votre compte, pas votre NUMEN."
        ),
        "inactive": _("Ce compte est désactivé. Contactez le guichet unique."),
        "unconfirmed": _(
            "Votre compte n'est pas encore activé : ouvrez le lien de confirmation reçu dans "
            "votre messagerie académique, ou demandez un nouveau lien ci-dessous."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Adresse électronique professionnelle")
        self.fields["username"].help_text = ADDRESS_EXAMPLE
        address_of_this_browser(self, "username", request)
        self.fields["username"].error_messages["required"] = _(
            "Indiquez votre adresse électronique professionnelle."
        )
        # No autofocus: the page's explanations come first for screen-reader users.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false"}
        )
        self.fields["password"].label = _("Mot de passe")
        self.fields["password"].error_messages["required"] = _("Indiquez votre mot de passe.")
        dsfr_inputs(self)

    def clean_username(self) -> str:
        # One lockout counter per address, whatever its case.
        return normalise_address(self.cleaned_data["username"])

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not user.is_confirmed:
            raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")

    @property
    def is_unconfirmed(self) -> bool:
        return any(error.code == "unconfirmed" for error in self.non_field_errors().as_data())


class AdminLoginForm(BoundedTextMixin, AdminAuthenticationForm):
    """The admin's login, with the same bounds on what may be typed as every form."""


class PasswordResetRequestForm(BoundedTextMixin, forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique professionnelle"),
        help_text=ADDRESS_EXAMPLE,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "fr-input"}),
        error_messages={
            "required": _("Indiquez votre adresse électronique professionnelle."),
            "invalid": _("Indiquez une adresse électronique valide."),
        },
    )


class _NewPasswordMixin:
    def _french_new_password_fields(self) -> None:
        self.fields["new_password1"].label = _("Nouveau mot de passe")
        self.fields["new_password1"].help_text = password_policy_help_text()
        self.fields["new_password2"].label = _("Confirmation du nouveau mot de passe")
        self.fields["new_password2"].help_text = _("Saisissez le même mot de passe.")
        dsfr_inputs(self)


class NewPasswordForm(BoundedTextMixin, _NewPasswordMixin, auth_forms.SetPasswordForm):
    """Set a password from a reset link; the policy is AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._french_new_password_fields()


class ChangePasswordForm(BoundedTextMixin, _NewPasswordMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mot de passe actuel")
        self._french_new_password_fields()
