from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_audit import AuditedAdminMixin

from . import services
from .forms import AdminLoginForm
from .models import User

admin.site.login_form = AdminLoginForm


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("adresse confirmée")
    parameter_name = "confirme"

    def lookups(self, request, model_admin):
        return [("oui", _("oui")), ("non", _("non"))]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "non":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    """Electors and staff. The password shows only as Django's masked summary."""

    ordering = ["email"]
    list_display = ["email", "agent", "is_confirmed", "last_login", "is_staff"]
    search_fields = ["email", "agent__surname", "agent__identifier"]
    list_filter = [ConfirmedFilter, "is_staff", "is_active"]
    list_select_related = ["agent"]
    readonly_fields = ["last_login", "date_joined", "confirmed_at"]
    raw_id_fields = ["agent"]
    actions = ["resend_confirmation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Électeur"), {"fields": ["agent", "first_name", "last_name", "confirmed_at"]}),
        (
            _("Droits"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    @admin.display(description=_("confirmé"), boolean=True, ordering="confirmed_at")
    def is_confirmed(self, obj: User) -> bool:
        return obj.is_confirmed

    @admin.action(description=_("Renvoyer le lien de confirmation"))
    def resend_confirmation(self, request, queryset):
        now = timezone.now()
        sent = sum(
            services.confirmation_send(user=user, request=request, at=now)
            for user in queryset.filter(confirmed_at__isnull=True, is_active=True)
        )
        skipped = queryset.count() - sent
        self.message_user(
            request,
            ngettext(
                "%(count)d lien de confirmation envoyé.",
                "%(count)d liens de confirmation envoyés.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d compte ignoré (déjà confirmé ou désactivé).",
                    "%(count)d comptes ignorés (déjà confirmés ou désactivés).",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
