"""The webmail login form (documented fields `username` and `password`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from core.lockout import lockout_minutes
from core.textrules import BoundedTextMixin

from .backends import IDENTIFIER_MAX_LENGTH
from .session import LoginLocked, webmail_authenticate


class WebmailLoginForm(BoundedTextMixin, forms.Form):
    username = forms.CharField(
        label=_("Identifiant"),
        help_text=_("L'initiale de votre prénom suivie de votre nom, en minuscules : « vdupont »."),
        max_length=IDENTIFIER_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        help_text=_("Votre NUMEN, 13 caractères (ex. 08E0512345ABC)."),
        max_length=64,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        # One answer for an unknown identifier and a wrong NUMEN: no enumeration.
        "invalid_login": _(
            "Identifiant ou mot de passe incorrect. Vérifiez l'identifiant (initiale du prénom "
            "et nom, en minuscules) et votre NUMEN."
        ),
        "locked": _(
            "Trop de tentatives ont échoué pour cet identifiant depuis ce poste : la connexion "
            "est bloquée pendant %(minutes)d minutes."
        ),
    }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.agent = None

    @sensitive_variables()  # every local holds the NUMEN (cleaned_data too)
    def clean(self):
        cleaned = super().clean()
        identifier, numen = cleaned.get("username"), cleaned.get("password")
        if identifier and numen:
            try:
                self.agent = webmail_authenticate(self.request, identifier=identifier, numen=numen)
            except LoginLocked:
                raise forms.ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={"minutes": lockout_minutes(self.request)},
                ) from None
            if self.agent is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_login"], code="invalid_login"
                )
        return cleaned
