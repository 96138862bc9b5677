"""The ballot's two forms: the choice (step 1), then the choice again with the password (step 2)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from ballots import crypto
from ballots.models import CandidateList, Scrutin
from core.textrules import BoundedTextMixin


class BallotForm(BoundedTextMixin, forms.Form):
    """Step 1: one list of this ballot, or the blank vote. Choices are matched in Python."""

    choice = forms.ChoiceField(
        label=_("Votre choix"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une liste ou le vote blanc."),
            "invalid_choice": _("Ce choix ne figure pas sur le bulletin de ce scrutin."),
        },
    )

    def __init__(self, *args, scrutin: Scrutin, lists: list[CandidateList], **kwargs):
        super().__init__(*args, **kwargs)
        self.scrutin = scrutin
        self.lists = lists
        self.fields["choice"].choices = [(str(lst.pk), lst.acronym) for lst in lists] + [
            (crypto.BLANK, _("Vote blanc"))
        ]

    def chosen_list(self) -> CandidateList | None:
        """The chosen list (None for a blank vote); only after is_valid()."""
        value = self.cleaned_data["choice"]
        return next((lst for lst in self.lists if str(lst.pk) == value), None)


class ConfirmForm(BallotForm):
    """Step 2: the elector password again. A wrong one counts toward the lockout (axes)."""

    password = forms.CharField(
        label=_("Votre mot de passe d'électeur"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Saisissez votre mot de passe pour valider votre vote.")},
    )
    confirm = forms.CharField(widget=forms.HiddenInput, initial="1")

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    @sensitive_variables("password")
    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        user = self.request.user
        # authenticate() with the request: django-axes counts a failure and may lock out.
        checked = authenticate(self.request, username=user.get_username(), password=password)
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError(
                _("Mot de passe incorrect : votre vote n'a pas été enregistré."),
                code="wrong_password",
            )
        return ""  # never kept
