"""Admin review of profile update requests: accept or reject each one with a reason.

The decision goes through ballots.services.profile_requests.profile_request_review,
which records the audit event and mails the elector; the admin never saves directly.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ballots.models import ProfileUpdateRequest
from ballots.services.profile_requests import ProfileRequestError, profile_request_review


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
            kwargs["fields"] = ["decision", "reason"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_pending:
            return [*self.readonly[:6], "decision", "reason"]
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
                at=timezone.now(),
                request=request,
            )
        except ProfileRequestError as error:
            messages.error(request, str(error))

    def save_related(self, request, form, formsets, change):
        """Nothing related to save: the service wrote the decision."""
