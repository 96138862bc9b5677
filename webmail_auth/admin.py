"""Admin of the directory: académies, agents (never their NUMEN), undeliverable mail.

Messages show their metadata only: an admin has no business reading an
agent's mail. Agents are never deleted (an identifier is never reassigned):
deactivate them instead.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from core.admin_audit import AuditedAdminMixin

from .identifiers import address_part, normalise_address
from .models import Academie, Agent, Message, UndeliverableMail
from .numen import numen_error
from .selectors import agent_by_email, agent_by_numen
from .services import agent_create


@admin.register(Academie)
class AcademieAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "mail_domain", "numen_code", "assistance_phone")
    search_fields = ("name", "code", "mail_domain")
    ordering = ("name",)


class AgentCreationForm(forms.ModelForm):
    """Creating an agent asks for the NUMEN once; only its keyed digest is kept."""

    numen = forms.CharField(
        label=_("NUMEN"),
        max_length=20,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("13 caractères (AA L YY NNNNN LLL). Il n'est pas conservé en clair."),
    )

    class Meta:
        model = Agent
        fields = ("surname", "first_name", "academie", "corps", "workplace", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.fields["email"].help_text = _("Laisser vide pour la dériver du nom (prenom.nom@…).")

    @sensitive_variables()
    def clean_numen(self):
        value = self.cleaned_data["numen"]
        error = numen_error(value)
        if error:
            raise ValidationError(error)
        return value

    @sensitive_variables()
    def clean(self):
        data = super().clean()
        if data.get("numen") and agent_by_numen(data["numen"]) is not None:
            self.add_error("numen", _("Un agent de l'annuaire a déjà ce NUMEN."))
        email = normalise_address(data.get("email"))
        if email and agent_by_email(email) is not None:
            self.add_error("email", _("Cette adresse est déjà attribuée à un autre agent."))
        for field in ("surname", "first_name"):
            if data.get(field) and not address_part(data[field]):
                self.add_error(field, _("Le nom doit contenir des lettres latines."))
        return data

    def _post_clean(self):
        # The identifier and the digest do not exist yet: agent_create() checks the rest.
        pass

    @sensitive_variables()
    def save(self, commit=True):
        data = self.cleaned_data
        self.instance = agent_create(
            numen=data["numen"],
            surname=data["surname"],
            first_name=data["first_name"],
            academie=data["academie"],
            corps=data.get("corps", ""),
            workplace=data.get("workplace", ""),
            email=data.get("email") or "",
        )
        return self.instance

    def save_m2m(self):
        pass


@admin.register(Agent)
class AgentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("identifier", "surname", "first_name", "email", "academie", "is_active")
    list_filter = ("is_active", "academie")
    search_fields = ("surname", "first_name", "=identifier", "email")
    list_select_related = ("academie",)
    show_full_result_count = False
    readonly_fields = ("identifier", "email", "created_at", "updated_at")
    fields = (
        "identifier",
        "email",
        "surname",
        "first_name",
        "academie",
        "corps",
        "workplace",
        "is_active",
        "created_at",
        "updated_at",
    )
    ordering = ("identifier",)  # the unique index: a page of a million agents stays instant

    @method_decorator(sensitive_post_parameters("numen"))
    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = AgentCreationForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": (
                            "numen",
                            "surname",
                            "first_name",
                            "academie",
                            "corps",
                            "workplace",
                            "email",
                        )
                    },
                )
            ]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        # On creation, AgentCreationForm.save() already went through agent_create().

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Metadata only: the body of a mail is its recipient's."""

    list_display = ("sent_at", "agent", "sender", "subject", "read_at")
    list_select_related = ("agent",)
    search_fields = ("=agent__identifier", "agent__email", "subject")
    date_hierarchy = "sent_at"
    show_full_result_count = False
    fields = ("agent", "sender", "subject", "sent_at", "read_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(UndeliverableMail)
class UndeliverableMailAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "sender", "subject", "reason")
    search_fields = ("recipient", "subject")
    date_hierarchy = "created_at"
    readonly_fields = ("recipient", "sender", "subject", "reason", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
