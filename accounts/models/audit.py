"""The audit trail written by services (see accounts/audit.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .users import User


class AuditEvent(models.Model):
    """An append-only trail of what matters (accounts, keys, seal, votes cast, tally).

    Written only by services through accounts.audit.record(). Never holds a secret
    (password, NUMEN, key share) nor anything that ties a ballot to a voter.
    """

    kind = models.CharField(_("événement"), max_length=60, db_index=True)
    at = models.DateTimeField(_("date"), db_index=True)
    actor = models.ForeignKey(
        User,
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
