"""The ballot's forms: the choice (step 1), then the choice and the voting code (step 2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
            ("blanc", _("Vote blanc"))
        ]

    def chosen_list(self) -> CandidateList | None:
        """The chosen list (None for a blank vote); only after is_valid()."""
        value = self.cleaned_data["choice"]
        return next((lst for lst in self.lists if str(lst.pk) == value), None)


class ConfirmForm(BallotForm):
    """Step 2 without JavaScript: the choice again and the voting code of the paper notice.

    The code is checked by the vote flow (it derives the credential); it is never kept.
    """

    code = forms.CharField(
        label=_("Votre code de vote"),
        help_text=_(
            "Il figure sur votre notice de vote papier, par exemple ABCD-EFGH-JKMN-PQRS-T."
        ),
        max_length=40,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Saisissez le code de vote de votre notice pour valider votre vote."),
            "max_length": _("Ce code de vote est trop long : vérifiez-le sur votre notice."),
        },
    )
    confirm = forms.CharField(widget=forms.HiddenInput, initial="1")


class BoothForm(BoundedTextMixin, forms.Form):
    """Step 2 with JavaScript: the ballot made and signed in the browser (canonical JSON)."""

    ballot = forms.CharField(max_length=64_000, strip=False)
    confirm = forms.CharField()


AUDIT_MAX_BYTES = 200_000  # an 18-slot ballot with its manifest is about 12 KB


class AuditForm(BoundedTextMixin, forms.Form):
    """An audit file (the booth's download), pasted or chosen as a file."""

    audit = forms.CharField(
        label=_("Contenu du fichier d'audit"),
        required=False,
        max_length=AUDIT_MAX_BYTES,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    audit_file = forms.FileField(label=_("Ou le fichier d'audit lui-même"), required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("audit_file")
        if upload is not None and upload.size > AUDIT_MAX_BYTES:
            raise forms.ValidationError(_("Ce fichier est trop gros pour un fichier d'audit."))
        if not cleaned.get("audit") and upload is None:
            raise forms.ValidationError(
                _("Collez le contenu du fichier d'audit ou choisissez ce fichier.")
            )
        return cleaned

    def audit_bytes(self) -> bytes:
        """The audit file's bytes (only after is_valid())."""
        upload = self.cleaned_data.get("audit_file")
        if upload is not None:
            return upload.read(AUDIT_MAX_BYTES + 1)
        return self.cleaned_data["audit"].encode("utf-8")
