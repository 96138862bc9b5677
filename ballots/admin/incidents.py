"""Incidents entered by the bureau de vote (they go on each scrutin's procès-verbal)."""

from django.contrib import admin

from ballots.models import Incident
from core.admin_audit import AuditedAdminMixin


@admin.register(Incident)
class IncidentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["occurred_at", "campaign", "scrutin", "description", "recorded_by"]
    list_filter = ["campaign"]
    list_select_related = ["campaign", "scrutin", "recorded_by"]
    autocomplete_fields: list[str] = []
    fields = ["campaign", "scrutin", "occurred_at", "description"]
    ordering = ["-occurred_at", "-id"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
