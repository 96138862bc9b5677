"""Every add, change and delete made in the Django admin goes to the audit trail.

`AuditedAdminMixin` uses ModelAdmin's documented hooks: `get_object` keeps the stored
values before an edit, `log_addition`, `log_change` and `log_deletions` (which Django
calls after a save, and before a deletion) record who did what, with the old and new
values of every field except secrets (whose change is recorded without any value).
"""

from django.db.models import Model

from .audit import record
from .events import EventKind

HIDDEN = "(masqué)"


class AuditedAdminMixin:
    """Put first in the bases of a ModelAdmin: `class XAdmin(AuditedAdminMixin, ModelAdmin)`."""

    # Fields whose values never reach the trail (a change of them is still recorded).
    audit_secret_fields: tuple[str, ...] = ("password", "numen_digest")

    def _audit_values(self, obj: Model) -> dict[str, str]:
        return {
            field.name: HIDDEN
            if field.name in self.audit_secret_fields
            else field.value_to_string(obj)
            for field in obj._meta.concrete_fields
        }

    def _audit_secret_values(self, obj: Model) -> dict[str, str]:
        return {
            name: field.value_to_string(obj)
            for field in obj._meta.concrete_fields
            if (name := field.name) in self.audit_secret_fields
        }

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            snapshots = request.__dict__.setdefault("audit_snapshots", {})
            snapshots[(obj._meta.label, obj.pk)] = (
                self._audit_values(obj),
                self._audit_secret_values(obj),
            )
        return obj

    def _record(self, kind: EventKind, request, obj: Model, **details) -> None:
        record(
            kind,
            actor=request.user,
            subject=f"{obj._meta.label_lower}:{obj.pk}",
            request=request,
            object=str(obj),
            **details,
        )

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._record(EventKind.ADMIN_ADDED, request, obj, values=self._audit_values(obj))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        before, secrets_before = request.__dict__.get("audit_snapshots", {}).get(
            (obj._meta.label, obj.pk), ({}, {})
        )
        after, secrets_after = self._audit_values(obj), self._audit_secret_values(obj)
        changes = {
            name: [before.get(name), value]
            for name, value in after.items()
            if before.get(name) != value
        }
        for name, value in secrets_after.items():
            if secrets_before.get(name) != value:
                changes[name] = [HIDDEN, HIDDEN]
        if changes:
            self._record(EventKind.ADMIN_CHANGED, request, obj, changes=changes)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self._record(EventKind.ADMIN_DELETED, request, obj, values=self._audit_values(obj))
        return entries
