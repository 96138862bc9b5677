"""An elector's request to correct their directory profile, until the campaign's deadline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProfileUpdateRequest(models.Model):
    """What is wrong in my profile and what it should be; an admin accepts or rejects it.

    Created and reviewed only through ballots.services.profile_requests, which check
    the deadline (the campaign's gate), write the audit trail and mail the elector.
    """

    class Topic(models.TextChoices):
        NAME = "nom", _("Nom ou prénom")
        CORPS = "corps", _("Corps")
        WORKPLACE = "affectation", _("Affectation")
        ACADEMIE = "academie", _("Académie")
        EMAIL = "adresse", _("Adresse professionnelle")
        SCRUTINS = "scrutins", _("Scrutins auxquels je suis appelé(e) à voter")
        OTHER = "autre", _("Autre")

    class Status(models.TextChoices):
        PENDING = "en_attente", _("en attente d'examen")
        ACCEPTED = "acceptee", _("acceptée")
        REJECTED = "refusee", _("refusée")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile_requests",
        verbose_name=_("compte"),
    )
    agent = models.ForeignKey(
        "webmail_auth.Agent",
        on_delete=models.CASCADE,
        related_name="profile_requests",
        verbose_name=_("agent"),
    )
    topic = models.CharField(_("rubrique"), max_length=20, choices=Topic.choices)
    current_value = models.TextField(_("ce qui est inexact"), max_length=1000)
    requested_value = models.TextField(_("ce qui devrait figurer"), max_length=1000)
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
    review_reason = models.TextField(_("motif de la décision"), blank=True, max_length=1000)
    applied_change = models.TextField(
        _("modification effectuée"),
        blank=True,
        max_length=2000,
        help_text=_("Ce que l'acceptation a changé (annuaire, listes électorales)."),
    )

    class Meta:
        verbose_name = _("demande de mise à jour du profil")
        verbose_name_plural = _("demandes de mise à jour du profil")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="en_attente")
                | (Q(reviewed_at__isnull=False) & ~Q(review_reason="")),
                name="profile_request_reviewed_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="profile_request_queue_idx")]

    def __str__(self) -> str:
        return f"{self.agent} — {self.get_topic_display()} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
