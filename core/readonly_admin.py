"""The admin of records written by services only (audit trail, mailings, vote): viewing only."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """No addition, change or deletion from the admin: the services write and audit."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
