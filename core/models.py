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
    # The chain (core.audit_chain): who acted, as text (the account may be deleted later),
    # the previous row's hash and this row's. Every field above but `actor` is hashed.
    actor_label = models.CharField(_("auteur (adresse)"), max_length=254, blank=True)
    previous_hash = models.CharField(_("empreinte précédente"), max_length=64, blank=True)
    hash = models.CharField(_("empreinte"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("événement d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.subject}"


class AuditChainHead(models.Model):
    """The one row (pk 1) holding the last event's hash: locked by each insert, so that
    events are chained one at a time, and compared by verify_audit (a deleted tail)."""

    last_hash = models.CharField(max_length=64, blank=True)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("tête de la chaîne d'audit")

    def __str__(self) -> str:
        return f"{self.count} {self.last_hash}"
