"""A lost notice de vote replaced: the elector's (or the guichet's) request and its course.

pending → approved (by an académie administrator holding `approve_notice_replacement`)
or refused → issued (the credential authority's new public credentials imported: the
old code no longer works). Created and moved only by ballots.services.notice_replacements.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NoticeReplacement(models.Model):
    class Status(models.TextChoices):
        PENDING = "en_attente", _("en attente d'approbation")
        APPROVED = "approuvee", _("approuvée, nouvelle notice en préparation")
        REFUSED = "refusee", _("refusée")
        ISSUED = "remplacee", _("remplacée : l'ancien code ne fonctionne plus")

    class Delivery(models.TextChoices):
        ESTABLISHMENT = "etablissement", _("remise dans l'établissement")
        POST = "courrier", _("envoi par courrier")

    OPEN = (Status.PENDING, Status.APPROVED)

    campaign = models.ForeignKey(
        "ballots.Campaign",
        on_delete=models.CASCADE,
        related_name="notice_replacements",
        verbose_name=_("campagne"),
    )
    agent = models.ForeignKey(
        "webmail_auth.Agent",
        on_delete=models.PROTECT,
        related_name="notice_replacements",
        verbose_name=_("électeur"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("demandée par"),
    )
    by_guichet = models.BooleanField(_("saisie par le guichet"), default=False)
    reason = models.TextField(_("motif"), max_length=1000)
    delivery = models.CharField(
        _("remise"), max_length=16, choices=Delivery.choices, default=Delivery.ESTABLISHMENT
    )
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("demandée le"))
    reviewed_at = models.DateTimeField(_("examinée le"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("examinée par"),
    )
    review_note = models.TextField(_("motif de la décision"), max_length=1000, blank=True)
    issued_at = models.DateTimeField(_("remplacée le"), null=True, blank=True)
    credentials_replaced = models.PositiveSmallIntegerField(_("identifiants remplacés"), default=0)

    class Meta:
        verbose_name = _("remplacement de notice de vote")
        verbose_name_plural = _("remplacements de notices de vote")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("approve_notice_replacement", _("Peut approuver le remplacement d'une notice de vote"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "agent"],
                condition=Q(status__in=["en_attente", "approuvee"]),
                name="notice_replacement_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent} — {self.get_status_display()}"
