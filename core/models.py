"""The audit trail written by services (see core/audit.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """An append-only trail of what matters (accounts, keys, seal, votes cast, tally).

    Written only by services through core.audit.record(). Never holds a secret
    (password, NUMEN, key share) nor anything that ties a ballot to a voter.
    """

    # Values of core.events.EventKind; no `choices`, so a new kind needs no migration.
    kind = models.CharField(_("événement"), max_length=60, db_index=True)
    at = models.DateTimeField(_("date"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    subject = models.CharField(
        _("objet"),
        max_length=255,
        blank=True,
        help_text=_("Ce sur quoi porte l'événement (adresse, campagne, scrutin)."),
    )
    client_ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("événement d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.subject}"
