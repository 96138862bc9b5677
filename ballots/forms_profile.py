"""The profile update request form (/electeur/profil/mise-a-jour/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ballots.models import ProfileUpdateRequest
from core.textrules import BoundedTextMixin


class ProfileUpdateRequestForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = ProfileUpdateRequest
        fields = ["topic", "current_value", "requested_value"]
        labels = {
            "topic": _("Ce qui est concerné"),
            "current_value": _("Ce qui est inexact"),
            "requested_value": _("Ce qui devrait figurer"),
        }
        help_texts = {
            "current_value": _(
                "Recopiez l'information telle qu'elle apparaît dans votre profil "
                "(facultatif pour les scrutins)."
            ),
            "requested_value": _(
                "L'information exacte ; précisez si besoin (1000 caractères au plus)."
            ),
        }
        widgets = {
            "topic": forms.Select(attrs={"class": "fr-select"}),
            "current_value": forms.Textarea(
                attrs={"class": "fr-input", "rows": 3, "maxlength": 1000}
            ),
            "requested_value": forms.Textarea(
                attrs={"class": "fr-input", "rows": 3, "maxlength": 1000}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required unless the topic is the scrutins (clean says so in words).
        self.fields["current_value"].required = False

    def clean(self):
        cleaned = super().clean()
        topic = cleaned.get("topic")
        if (
            topic
            and topic != ProfileUpdateRequest.Topic.SCRUTINS
            and not (cleaned.get("current_value") or "").strip()
            and "current_value" not in self.errors
        ):
            self.add_error("current_value", _("Ce champ est obligatoire."))
        current, requested = cleaned.get("current_value", ""), cleaned.get("requested_value", "")
        if current and requested and current.strip() == requested.strip():
            self.add_error(
                "requested_value", _("Indiquez une information différente de l'actuelle.")
            )
        return cleaned
