"""Admin of lost notices: the guichet records a request for an elector; an académie
administrator holding `ballots.approve_notice_replacement` approves or refuses it.

Every write goes through ballots.services.notice_replacements (checks, audit trail); the
admin never saves a request directly and nothing is ever deleted.
"""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ballots.models import NoticeReplacement
from ballots.services.notice_replacements import (
    APPROVE_PERMISSION,
    NoticeReplacementRefused,
    notice_replacement_request,
    notice_replacement_review,
    replacement_refusal,
)
from core.textrules import BoundedTextMixin


class GuichetRequestForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = NoticeReplacement
        fields = ["campaign", "agent", "reason", "delivery"]

    def clean(self):
        cleaned = super().clean()
        agent, campaign = cleaned.get("agent"), cleaned.get("campaign")
        if agent is not None and campaign is not None:
            refusal = replacement_refusal(agent_id=agent.pk, campaign=campaign, at=timezone.now())
            if refusal is not None:
                raise forms.ValidationError(refusal)
        return cleaned


class ReviewForm(BoundedTextMixin, forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("", "---------"), ("approve", _("Approuver")), ("refuse", _("Refuser"))],
    )
    note = forms.CharField(
        label=_("Motif (affiché à l'électeur)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = NoticeReplacement
        fields: list[str] = []


@admin.register(NoticeReplacement)
class NoticeReplacementAdmin(admin.ModelAdmin):
    list_display = ["created_at", "agent", "campaign", "status", "delivery", "by_guichet"]
    list_filter = ["status", "delivery", "by_guichet", "campaign"]
    search_fields = ["agent__surname", "agent__email", "agent__identifier"]
    list_select_related = ["agent", "campaign"]
    raw_id_fields = ["agent"]
    actions = ["approve", "refuse"]
    readonly = [
        "campaign",
        "agent",
        "reason",
        "delivery",
        "by_guichet",
        "requested_by",
        "status",
        "created_at",
        "reviewed_at",
        "reviewed_by",
        "review_note",
        "issued_at",
        "credentials_replaced",
    ]

    def has_delete_permission(self, request, obj=None):
        return False

    def _reviewable(self, request, obj) -> bool:
        return (
            obj is not None
            and obj.status == NoticeReplacement.Status.PENDING
            and request.user.has_perm(APPROVE_PERMISSION)
        )

    def has_approve_permission(self, request) -> bool:
        """The list's approve and refuse actions: académie administrators only."""
        return request.user.has_perm(APPROVE_PERMISSION)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = GuichetRequestForm
        elif self._reviewable(request, obj):
            kwargs["form"] = ReviewForm
            kwargs["fields"] = ["decision", "note"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["campaign", "agent", "reason", "delivery"]
        if self._reviewable(request, obj):
            return [*self.readonly[:8], "decision", "note"]
        return self.readonly

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or request.user.has_perm(
            APPROVE_PERMISSION
        )

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(
            APPROVE_PERMISSION
        )

    def save_model(self, request, obj, form, change):
        try:
            if not change:
                saved = notice_replacement_request(
                    agent=obj.agent,
                    campaign=obj.campaign,
                    reason=obj.reason,
                    delivery=obj.delivery,
                    by=request.user,
                    by_guichet=True,
                    at=timezone.now(),
                    request=request,
                )
                obj.pk = saved.pk
            elif "decision" in form.cleaned_data:
                notice_replacement_review(
                    replacement=obj,
                    approve=form.cleaned_data["decision"] == "approve",
                    note=form.cleaned_data["note"],
                    by=request.user,
                    at=timezone.now(),
                    request=request,
                )
        except NoticeReplacementRefused as refusal:
            messages.error(request, str(refusal))

    def save_related(self, request, form, formsets, change):
        """Nothing related to save: the service wrote the request or the decision."""

    def _review_selected(self, request, queryset, *, approve: bool) -> None:
        done = 0
        for replacement in queryset.filter(status=NoticeReplacement.Status.PENDING):
            try:
                notice_replacement_review(
                    replacement=replacement,
                    approve=approve,
                    by=request.user,
                    at=timezone.now(),
                    request=request,
                )
                done += 1
            except NoticeReplacementRefused as refusal:
                messages.error(request, f"{replacement.agent} : {refusal}")
        messages.info(request, _("%(n)s demande(s) examinée(s).") % {"n": done})

    @admin.action(description=_("Approuver les demandes sélectionnées"), permissions=["approve"])
    def approve(self, request, queryset):
        self._review_selected(request, queryset, approve=True)

    @admin.action(description=_("Refuser les demandes sélectionnées"), permissions=["approve"])
    def refuse(self, request, queryset):
        self._review_selected(request, queryset, approve=False)
