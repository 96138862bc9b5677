from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "agent", "confirmed_at", "last_login", "is_staff"]
    search_fields = ["email", "agent__surname", "agent__identifier"]
    list_filter = ["is_staff", "is_active"]
    readonly_fields = ["last_login", "date_joined"]
    raw_id_fields = ["agent"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Électeur"), {"fields": ["agent", "first_name", "last_name", "confirmed_at"]}),
        (_("Droits"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by services only."""

    list_display = ["at", "kind", "subject", "actor", "client_ip"]
    list_filter = ["kind"]
    search_fields = ["subject", "kind"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
