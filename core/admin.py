from django.contrib import admin

from .models import AuditEvent
from .readonly_admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the trail is written by services only."""

    list_display = ["at", "kind", "subject", "actor", "client_ip"]
    list_filter = ["kind"]
    search_fields = ["subject", "kind"]
    date_hierarchy = "at"
