"""The campaign and its calendar: the one home of "which phase is it at time t"."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# The order of the calendar, checked by clean() with a sentence and by the database.
# (earlier field, later field, strict, message)
CALENDAR_ORDER = [
    (
        "rolls_from",
        "voting_opens",
        True,
        _("Les listes électorales doivent être consultables avant l'ouverture du vote."),
    ),
    (
        "candidacies_from",
        "voting_opens",
        True,
        _("Les candidatures doivent être publiées avant l'ouverture du vote."),
    ),
    (
        "profile_updates_until",
        "voting_opens",
        True,
        _("La fin des demandes de mise à jour du profil doit précéder l'ouverture du vote."),
    ),
    ("voting_opens", "voting_closes", True, _("La clôture du vote doit suivre son ouverture.")),
    (
        "voting_closes",
        "results_from",
        False,
        _("Les résultats ne peuvent pas être publiés avant la clôture du vote."),
    ),
]


def archive_after() -> timedelta:
    """How long after its results date a campaign stays current (a setting)."""
    return timedelta(days=settings.CAMPAIGN_ARCHIVE_AFTER_DAYS)


class CampaignQuerySet(models.QuerySet):
    def in_order(self) -> "CampaignQuerySet":
        """The one order of campaigns on every page: by opening, then by slug (unique)."""
        return self.order_by("voting_opens", "slug")

    def current(self, *, at: datetime) -> "CampaignQuerySet":
        """Campaigns whose calendar is under way at `at` (see `Campaign.is_current`)."""
        return self.filter(rolls_from__lte=at, results_from__gt=at - archive_after()).in_order()

    def past(self, *, at: datetime) -> "CampaignQuerySet":
        """Campaigns archived at `at`, the latest first (reached from the results)."""
        return self.filter(results_from__lte=at - archive_after()).order_by("-voting_opens", "slug")


class Campaign(models.Model):
    """An election campaign. Every date comparison of the portal is one of its gates.

    Each gate takes `at=` (an aware datetime) so that pages, services and tests ask
    the same question the same way; nothing else compares dates.
    """

    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    mail_tag = models.CharField(
        _("étiquette des courriels"), max_length=60, help_text=_("ex. [Electionspro2014]")
    )
    rolls_from = models.DateTimeField(_("listes électorales consultables à partir du"))
    candidacies_from = models.DateTimeField(_("candidatures publiées à partir du"))
    profile_updates_until = models.DateTimeField(
        _("demandes de mise à jour du profil jusqu'au"),
        help_text=_("Dernier instant inclus (ex. 14/11/2014 23:59:59)."),
    )
    voting_opens = models.DateTimeField(_("ouverture du vote"))
    voting_closes = models.DateTimeField(
        _("clôture du vote"),
        help_text=_("Premier instant où le vote est refusé (ex. 04/12/2014 17:00:00)."),
    )
    results_from = models.DateTimeField(_("résultats publiés à partir du"))
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        ordering = ["-voting_opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rolls_from__lt=F("voting_opens")), name="campaign_rolls_before_voting"
            ),
            models.CheckConstraint(
                condition=Q(candidacies_from__lt=F("voting_opens")),
                name="campaign_candidacies_before_voting",
            ),
            models.CheckConstraint(
                condition=Q(profile_updates_until__lt=F("voting_opens")),
                name="campaign_profile_deadline_before_voting",
            ),
            models.CheckConstraint(
                condition=Q(voting_opens__lt=F("voting_closes")),
                name="campaign_opens_before_closes",
            ),
            models.CheckConstraint(
                condition=Q(voting_closes__lte=F("results_from")),
                name="campaign_results_after_close",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The calendar's order in words (the same rules as the database constraints)."""
        errors: dict[str, list] = {}
        for earlier, later, strict, message in CALENDAR_ORDER:
            first, second = getattr(self, earlier), getattr(self, later)
            if first is None or second is None:
                continue
            if first > second or (strict and first == second):
                errors.setdefault(later, []).append(message)
        if errors:
            raise ValidationError(errors)

    # The gates. Each is the only place its comparison is written.
    def is_current(self, *, at: datetime) -> bool:
        """Under way: from the rolls date until `archive_after()` past the results date.
        Electors see its scrutins and the public pages show it; later it is archived."""
        return self.rolls_from <= at < self.results_from + archive_after()

    def voting_overlaps(self, other: "Campaign") -> bool:
        """Are the two campaigns open for voting at some common instant?"""
        return self.voting_opens < other.voting_closes and other.voting_opens < self.voting_closes

    def rolls_published(self, *, at: datetime) -> bool:
        return at >= self.rolls_from

    def candidacies_published(self, *, at: datetime) -> bool:
        return at >= self.candidacies_from

    def profile_updates_open(self, *, at: datetime) -> bool:
        return at <= self.profile_updates_until

    def voting_not_yet_open(self, *, at: datetime) -> bool:
        return at < self.voting_opens

    def voting_open(self, *, at: datetime) -> bool:
        """A vote at 16:59:59 counts; at 17:00:00 (the closing instant) it is refused."""
        return self.voting_opens <= at < self.voting_closes

    def voting_closed(self, *, at: datetime) -> bool:
        return at >= self.voting_closes

    def results_published(self, *, at: datetime) -> bool:
        return at >= self.results_from

    @property
    def is_sealed(self) -> bool:
        """Sealed: rolls, lists, scrutins and calendar are frozen (a Seal row exists).

        The one way to ask. A seal read with the campaign (select_related("seal"), the
        vote path's SQL) answers without a query; otherwise one query, then remembered.
        """
        return getattr(self, "seal", None) is not None

    # The one change allowed after sealing: a later close, still before the results.
    def extends_close(self, *, until: datetime) -> bool:
        """Would closing at `until` push the close back?"""
        return until > self.voting_closes

    def closes_before_results(self, *, until: datetime) -> bool:
        """May the vote close at `until` without overlapping the results date?"""
        return until <= self.results_from
