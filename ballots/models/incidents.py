"""Incidents the bureau de vote enters; each scrutin's procès-verbal lists them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Incident(models.Model):
    """Something the bureau noted during the operations: for one scrutin, or for the whole
    campaign when no scrutin is given."""

    campaign = models.ForeignKey(
        "ballots.Campaign",
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("campagne"),
    )
    scrutin = models.ForeignKey(
        "ballots.Scrutin",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("scrutin"),
        help_text=_("Vide : l'incident concerne tous les scrutins de la campagne."),
    )
    occurred_at = models.DateTimeField(_("survenu le"))
    description = models.TextField(_("description"), max_length=2000)
    recorded_at = models.DateTimeField(_("consigné le"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consigné par"),
    )

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["campaign", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.campaign.slug} {self.occurred_at:%Y-%m-%d %H:%M}"
