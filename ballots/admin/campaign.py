"""Admin of the campaign's configuration: calendar, scrutins, rolls, lists and candidates.

Everything becomes read-only once the campaign is sealed (Campaign.is_sealed).
Uploaded professions de foi and logos are checked by the model fields' validators
(ballots.uploads) before anything is stored.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ballots.models import Campaign, Candidate, CandidateList, OpeningMail, RollEntry, Scrutin
from ballots.services.campaign import CALENDAR_FIELDS, campaign_save
from ballots.services.turnout import turnout_export
from core.admin_audit import AuditedAdminMixin
from core.readonly_admin import ReadOnlyAdmin


def _count(model, field: str) -> Coalesce:
    """A correlated COUNT(*) subquery: several of them do not multiply each other like joins."""
    counts = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class SealedReadOnlyMixin:
    """No change, addition or deletion on a sealed campaign's configuration."""

    campaign_path: str = "campaign"

    def _campaign_of(self, obj):
        for part in self.campaign_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._campaign_of(obj).is_sealed:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._campaign_of(obj).is_sealed:
            return False
        return super().has_delete_permission(request, obj)

    def _target_campaign(self, cleaned_data: dict):
        """The campaign a submitted form would write to (None if the form does not say)."""
        first, *rest = self.campaign_path.split("__")
        target = cleaned_data.get(first)
        for part in rest:
            target = getattr(target, part, None) if target is not None else None
        return target

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The form also refuses to add (or move) anything into a sealed campaign."""
        form = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class SealedGuardForm(form):
            def clean(self):
                cleaned_data = super().clean()
                campaign = model_admin._target_campaign(cleaned_data or {})
                if campaign is not None and campaign.is_sealed:
                    raise ValidationError(
                        _(
                            "La campagne %(slug)s est scellée : ses scrutins, listes électorales "
                            "et candidatures ne peuvent plus être modifiés."
                        )
                        % {"slug": campaign.slug}
                    )
                return cleaned_data

        return SealedGuardForm


@admin.register(Campaign)
class CampaignAdmin(AuditedAdminMixin, SealedReadOnlyMixin, admin.ModelAdmin):
    list_display = ["slug", "name", *CALENDAR_FIELDS]
    search_fields = ["slug", "name"]
    readonly_fields = ["created_at"]
    fieldsets = [
        (None, {"fields": ["slug", "name", "mail_tag"]}),
        (
            _("Calendrier (heure de Paris)"),
            {"fields": list(CALENDAR_FIELDS)},
        ),
        (None, {"fields": ["created_at"]}),
    ]

    def _campaign_of(self, obj):
        return obj

    def _target_campaign(self, cleaned_data: dict):
        return None  # a new campaign is never sealed; an existing one is read-only

    def save_model(self, request, obj, form, change):
        campaign_save(campaign=obj, actor=request.user)

    actions = ["download_turnout"]

    @admin.action(description=_("Télécharger la participation par scrutin et académie (CSV)"))
    def download_turnout(self, request, queryset):
        """The same file as `turnout --out`, counted now, for the selected campaigns."""
        at = timezone.now()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"participation-{timezone.localtime(at):%Y%m%d-%H%M}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        turnout_export(
            campaigns=queryset.order_by("voting_opens", "slug"),
            out=response,
            at=at,
            actor=request.user,
            request=request,
        )
        return response


@admin.register(Scrutin)
class ScrutinAdmin(AuditedAdminMixin, SealedReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "label",
        "campaign",
        "kind",
        "perimeter",
        "mode",
        "seats",
        "electors",
        "lists_count",
    ]
    list_filter = ["campaign", "kind", "perimeter", "mode"]
    search_fields = ["code", "label"]
    list_select_related = ["campaign"]

    def get_queryset(self, request):
        """Electors and lists per scrutin, counted in the same query as the page."""
        return (
            super()
            .get_queryset(request)
            .annotate(
                electors_total=_count(RollEntry, "scrutin"),
                lists_total=_count(CandidateList, "scrutin"),
            )
        )

    @admin.display(description=_("électeurs inscrits"), ordering="electors_total")
    def electors(self, obj):
        return obj.electors_total

    @admin.display(description=_("listes"), ordering="lists_total")
    def lists_count(self, obj):
        return obj.lists_total


@admin.register(RollEntry)
class RollEntryAdmin(AuditedAdminMixin, SealedReadOnlyMixin, admin.ModelAdmin):
    campaign_path = "scrutin__campaign"
    list_display = ["scrutin", "agent"]
    list_filter = ["scrutin__campaign", "scrutin__kind"]
    search_fields = ["agent__surname", "agent__email", "agent__identifier", "scrutin__code"]
    list_select_related = ["scrutin", "agent"]
    raw_id_fields = ["agent"]
    autocomplete_fields = ["scrutin"]
    show_full_result_count = False  # millions of rows: no second COUNT(*)


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    fields = ["rank", "surname", "first_name", "quality"]


class _ServedFile:
    """A stored file shown by its name but linked to the view that serves it safely."""

    def __init__(self, value, url: str) -> None:
        self.value, self.url = value, url

    def __str__(self) -> str:
        return str(self.value)


class ServedFileWidget(AdminFileWidget):
    """The admin's file input, whose "currently" link opens the checked view, not /media/."""

    served_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and self.served_url:
            context["widget"]["value"] = _ServedFile(value, self.served_url)
        return context


def _served_urls(candidate_list: CandidateList) -> dict[str, str]:
    args = [candidate_list.scrutin.code, candidate_list.position]
    campaign = urlencode({"campagne": candidate_list.scrutin.campaign.slug})
    return {
        "logo": f"{reverse('ballots:logo', args=args)}?{campaign}",
        "profession_de_foi": f"{reverse('ballots:profession_de_foi', args=args)}?{campaign}",
    }


@admin.register(CandidateList)
class CandidateListAdmin(AuditedAdminMixin, SealedReadOnlyMixin, admin.ModelAdmin):
    campaign_path = "scrutin__campaign"
    list_display = [
        "scrutin",
        "position",
        "acronym",
        "organisation",
        "candidates_count",
        "has_profession_de_foi",
        "has_logo",
    ]
    list_filter = ["scrutin__campaign", "scrutin__kind"]
    search_fields = ["acronym", "organisation", "scrutin__code"]
    list_select_related = ["scrutin"]
    autocomplete_fields = ["scrutin"]
    inlines = [CandidateInline]
    readonly_fields = ["documents"]
    formfield_overrides = {models.FileField: {"widget": ServedFileWidget}}

    def get_fields(self, request, obj=None):
        """Files are linked through the views that serve them (never /media/)."""
        fields = [field for field in super().get_fields(request, obj) if field != "documents"]
        if obj is None:
            return fields
        if obj.scrutin.campaign.is_sealed:
            fields = [field for field in fields if field not in ("logo", "profession_de_foi")]
        return [*fields, "documents"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            for name, url in _served_urls(obj).items():
                if name in form.base_fields:
                    form.base_fields[name].widget.served_url = url
        return form

    @admin.display(description=_("documents déposés"))
    def documents(self, obj):
        urls = _served_urls(obj)
        links = []
        if obj.logo:
            links.append((urls["logo"], _("voir le logo")))
        if obj.profession_de_foi:
            links.append((urls["profession_de_foi"], _("télécharger la profession de foi (PDF)")))
        if not links:
            return _("aucun document")
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(candidates_total=_count(Candidate, "candidate_list"))
        )

    @admin.display(description=_("candidats"), ordering="candidates_total")
    def candidates_count(self, obj):
        return obj.candidates_total

    @admin.display(description=_("profession de foi"), boolean=True)
    def has_profession_de_foi(self, obj):
        return bool(obj.profession_de_foi)

    @admin.display(description=_("logo"), boolean=True)
    def has_logo(self, obj):
        return bool(obj.logo)


@admin.register(OpeningMail)
class OpeningMailAdmin(ReadOnlyAdmin):
    """Read-only: written by send_opening_emails only."""

    list_display = ["campaign", "agent", "sent_at"]
    list_filter = ["campaign"]
    search_fields = ["agent__surname", "agent__email"]
    list_select_related = ["campaign", "agent"]
    show_full_result_count = False
