from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from core.textrules import BoundedTextMixin
from webmail_auth.identifiers import normalise_address

from ..models import User
from .captcha import AccessibleCaptchaField
from .passwords import (
    ADDRESS_EXAMPLE,
    address_of_this_browser,
    dsfr_inputs,
    password_policy_help_text,
)


class SignupForm(BoundedTextMixin, forms.Form):
    """Shape and policy only: whether the address may have an account is the service's
    business, decided without telling (no enumeration)."""

    email = forms.EmailField(
        label=_("Adresse électronique professionnelle"),
        help_text=ADDRESS_EXAMPLE,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Indiquez votre adresse électronique professionnelle."),
            "invalid": _(
                "Indiquez une adresse électronique valide, au format prénom.nom@ac-votre académie, "
                "par exemple camille.martin@ac-lyon.fr."
            ),
        },
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(),
        error_messages={"required": _("Choisissez un mot de passe.")},
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        help_text=_("Saisissez le même mot de passe."),
        strip=False,
        widget=forms.PasswordInput(),
        error_messages={"required": _("Saisissez le mot de passe une seconde fois.")},
    )
    captcha = AccessibleCaptchaField()

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_policy_help_text()
        address_of_this_browser(self, "email", request)
        dsfr_inputs(self)

    def clean_email(self) -> str:
        return normalise_address(self.cleaned_data["email"])

    def full_clean(self) -> None:
        """A misread captcha (or a mistyped address) does not cost the passwords: when both
        password fields are fine they are sent back filled, in the answer to this POST only
        (never in a GET or a URL; the view forbids caching)."""
        super().full_clean()
        passwords = ("password1", "password2")
        if self.is_bound and self.errors and not any(map(self.has_error, passwords)):
            for name in passwords:
                self.fields[name].widget.render_value = True

    @sensitive_variables()  # every local holds a password (cleaned_data too)
    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2",
                ValidationError(
                    _("Les deux mots de passe ne sont pas identiques."), code="password_mismatch"
                ),
            )
        if password1:
            # Compared with the typed address only: its parts carry the name, and using
            # the directory here would reveal whether the address is known.
            candidate = User(email=cleaned.get("email") or "")
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ResendConfirmationForm(BoundedTextMixin, forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique professionnelle"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "fr-input"}),
        error_messages={
            "required": _("Indiquez votre adresse électronique professionnelle."),
            "invalid": _("Indiquez une adresse électronique valide."),
        },
    )


class ConfirmAccountForm(BoundedTextMixin, forms.Form):
    """The password chosen at sign-up, asked on the page the confirmation link opens."""

    password = forms.CharField(
        label=_("Mot de passe choisi à la création du compte"),
        help_text=_("Ce n'est pas votre NUMEN : c'est le mot de passe que vous avez choisi."),
        strip=False,
        widget=forms.PasswordInput(),
        error_messages={"required": _("Indiquez le mot de passe choisi à la création du compte.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dsfr_inputs(self)

    def refuse_password(self) -> None:
        self.add_error(
            "password",
            ValidationError(
                _(
                    "Ce n'est pas le mot de passe choisi lors de la demande. Si vous ne "
                    "l'avez plus, ou si vous n'avez pas fait cette demande, créez votre "
                    "compte à nouveau : la nouvelle demande remplace celle-ci."
                ),
                code="wrong_password",
            ),
        )
