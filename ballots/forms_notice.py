"""The request for a new notice de vote (/electeur/notice-de-vote/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ballots.models import NoticeReplacement
from core.textrules import BoundedTextMixin


class NoticeReplacementForm(BoundedTextMixin, forms.ModelForm):
    """`reason` (required); `delivery` (default: in the establishment); `campaign` when the
    elector holds codes for several campaigns."""

    campaign = forms.ChoiceField(
        label=_("Élection concernée"), required=False, widget=forms.Select({"class": "fr-select"})
    )

    class Meta:
        model = NoticeReplacement
        fields = ["reason", "delivery"]
        labels = {
            "reason": _("Ce qui est arrivé à votre notice"),
            "delivery": _("Où recevoir la nouvelle notice"),
        }
        help_texts = {
            "reason": _("Par exemple : perdue, abîmée, jamais reçue (1000 caractères au plus)."),
        }
        widgets = {
            "reason": forms.Textarea(attrs={"class": "fr-input", "rows": 3, "maxlength": 1000}),
            "delivery": forms.RadioSelect,
        }

    def __init__(self, *args, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.campaigns = {str(campaign.pk): campaign for campaign in campaigns}
        self.fields["campaign"].choices = [(pk, c.name) for pk, c in self.campaigns.items()]
        self.fields["delivery"].required = False
        if len(self.campaigns) < 2:
            del self.fields["campaign"]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Ce champ est obligatoire."))
        return reason

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("delivery"):
            cleaned["delivery"] = NoticeReplacement.Delivery.ESTABLISHMENT
        if "campaign" in self.fields:
            chosen = self.campaigns.get(cleaned.get("campaign") or "")
            if chosen is None:
                self.add_error("campaign", _("Choisissez l'élection concernée."))
            cleaned["campaign"] = chosen
        else:
            cleaned["campaign"] = next(iter(self.campaigns.values()), None)
        return cleaned
