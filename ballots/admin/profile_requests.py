"""Admin review of profile update requests: accept or reject each one with a reason.

The decision goes through ballots.services.profile_requests.profile_request_review,
which records the audit event and mails the elector; the admin never saves directly.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ballots.models import ProfileUpdateRequest, Scrutin
from ballots.services.profile_requests import ProfileRequestError, profile_request_review


def scrutin_choice_label(scrutin: Scrutin) -> str:
    return f"{scrutin.code} — {scrutin.label} ({scrutin.campaign.name})"


class ReviewForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("", "---------"), ("accept", _("Accepter")), ("reject", _("Refuser"))],
    )
    reason = forms.CharField(
        label=_("Motif (envoyé à l'électeur)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    correction = forms.CharField(
        label=_("Correction"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Corps ou affectation : la valeur à inscrire dans l'annuaire (vide : celle "
            "demandée). Autres rubriques : la modification que vous avez effectuée."
        ),
    )
    add_to = forms.ModelMultipleChoiceField(
        label=_("Ajouter aux listes électorales de"),
        required=False,
        queryset=Scrutin.objects.none(),
        help_text=_("Rubrique « Scrutins » : campagnes non scellées seulement."),
    )
    remove_from = forms.ModelMultipleChoiceField(
        label=_("Retirer des listes électorales de"),
        required=False,
        queryset=Scrutin.objects.none(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editable = (
            Scrutin.objects.filter(campaign__seal__isnull=True)
            .select_related("campaign")
            .order_by("campaign__voting_opens", "campaign__slug", "code")
        )
        self.fields["add_to"].queryset = editable
        self.fields["remove_from"].queryset = editable
        self.fields["add_to"].label_from_instance = scrutin_choice_label
        self.fields["remove_from"].label_from_instance = scrutin_choice_label

    class Meta:
        model = ProfileUpdateRequest
        fields: list[str] = []

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Indiquez le motif de la décision : l'électeur le recevra."))
        return reason


@admin.register(ProfileUpdateRequest)
class ProfileUpdateRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "agent", "topic", "status", "reviewed_at", "reviewed_by"]
    list_filter = ["status", "topic"]
    search_fields = ["agent__surname", "agent__email", "user__email"]
    list_select_related = ["agent", "reviewed_by"]
    date_hierarchy = "created_at"
    readonly = [
        "user",
        "agent",
        "topic",
        "current_value",
        "requested_value",
        "status",
        "created_at",
        "reviewed_at",
        "reviewed_by",
        "review_reason",
        "applied_change",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and obj.is_pending:
            kwargs["form"] = ReviewForm
            kwargs["fields"] = ["decision", "reason", "correction", "add_to", "remove_from"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_pending:
            return [
                *self.readonly[:6],
                "decision",
                "reason",
                "correction",
                "add_to",
                "remove_from",
            ]
        return self.readonly

    def save_model(self, request, obj, form, change):
        if "decision" not in form.cleaned_data:
            return
        try:
            profile_request_review(
                profile_request=obj,
                reviewer=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
                correction=form.cleaned_data.get("correction", ""),
                add_to=form.cleaned_data.get("add_to") or (),
                remove_from=form.cleaned_data.get("remove_from") or (),
                at=timezone.now(),
                request=request,
            )
        except ProfileRequestError as error:
            messages.error(request, str(error))

    def save_related(self, request, form, formsets, change):
        """Nothing related to save: the service wrote the decision."""
