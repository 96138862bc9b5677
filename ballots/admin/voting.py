"""Admin of the vote: keys, seal, extensions, émargements, results and turnout, all read-only.

Every change goes through the commands (trustees_import, import_credentials,
seal_campaign, extend_voting, tally, import_paper_results), which check and audit.
Ballots are on the public board (/urne/<code>/), never shown here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ballots.models import (
    ElectionKey,
    ListResult,
    Participation,
    ScrutinResult,
    Seal,
    Trustee,
    TurnoutScrutin,
    VotingExtension,
)
from ballots.selectors_voting import percent, with_turnout
from core.readonly_admin import ReadOnlyAdmin


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TrusteeInline(ReadOnlyInline):
    model = Trustee
    fields = ["index", "name", "encryption_key", "verification_key"]
    readonly_fields = fields


@admin.register(ElectionKey)
class ElectionKeyAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "threshold", "trustees", "created_at", "public_key"]
    readonly_fields = ["campaign", "public_key", "threshold", "trustees", "created_at"]
    inlines = [TrusteeInline]


@admin.register(Seal)
class SealAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "sealed_at", "sealed_by", "fingerprint"]
    readonly_fields = ["campaign", "sealed_at", "sealed_by", "fingerprint", "sealed_closes"]


@admin.register(VotingExtension)
class VotingExtensionAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "previous_closes", "new_closes", "decided_at", "decided_by"]
    readonly_fields = [
        "campaign",
        "previous_closes",
        "new_closes",
        "reason",
        "decided_at",
        "decided_by",
    ]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    """The émargement: who voted in which scrutin and when (never what)."""

    list_display = ["agent", "scrutin", "voted_at"]
    list_filter = ["scrutin__campaign", "scrutin"]
    search_fields = ["agent__surname", "agent__identifier", "agent__email", "scrutin__code"]
    list_select_related = ["agent", "scrutin"]
    readonly_fields = ["agent", "scrutin", "voted_at"]
    show_full_result_count = False


class ListResultInline(ReadOnlyInline):
    model = ListResult
    fields = ["candidate_list", "votes", "seats"]
    readonly_fields = fields


@admin.register(ScrutinResult)
class ScrutinResultAdmin(ReadOnlyAdmin):
    list_display = [
        "scrutin",
        "source",
        "registered",
        "voters",
        "blank",
        "invalid",
        "valid",
        "computed_at",
    ]
    list_filter = ["scrutin__campaign", "source"]
    readonly_fields = [
        "scrutin",
        "source",
        "registered",
        "voters",
        "blank",
        "invalid",
        "valid",
        "box_digest",
        "seat_draws",
        "computed_at",
    ]
    inlines = [ListResultInline]


@admin.register(TurnoutScrutin)
class TurnoutAdmin(ReadOnlyAdmin):
    """Turnout per scrutin, now: counts of émargements and of the roll."""

    list_display = ["code", "label", "campaign", "mode", "voters", "registered", "rate"]
    list_filter = ["campaign", "mode", "kind"]
    list_select_related = ["campaign"]
    search_fields = ["code", "label"]

    def get_queryset(self, request):
        return with_turnout(super().get_queryset(request))

    @admin.display(description=_("votants"), ordering="voters")
    def voters(self, obj):
        return obj.voters

    @admin.display(description=_("inscrits"), ordering="registered")
    def registered(self, obj):
        return obj.registered

    @admin.display(description=_("participation (%)"))
    def rate(self, obj):
        return percent(obj.voters, obj.registered)
