"""The vote: seal, extensions, émargement.

The émargement (Participation) says who voted in which scrutin and when, never
what; the ballots are events of the public board (models/board.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .scrutins import Scrutin


class Seal(models.Model):
    """The campaign is frozen: its configuration's fingerprint as it was when sealed."""

    campaign = models.OneToOneField(
        "ballots.Campaign",
        on_delete=models.CASCADE,
        related_name="seal",
        verbose_name=_("campagne"),
    )
    sealed_at = models.DateTimeField(_("scellée le"))
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    fingerprint = models.CharField(_("empreinte SHA-256 de la configuration"), max_length=64)
    sealed_closes = models.DateTimeField(_("clôture prévue au scellement"))

    class Meta:
        verbose_name = _("scellement")
        verbose_name_plural = _("scellements")

    def __str__(self) -> str:
        return f"{self.campaign.slug} {self.fingerprint[:16]}"


class VotingExtension(models.Model):
    """A logged extension of the closing time after an outage (the only change after sealing)."""

    campaign = models.ForeignKey(
        "ballots.Campaign",
        on_delete=models.CASCADE,
        related_name="voting_extensions",
        verbose_name=_("campagne"),
    )
    previous_closes = models.DateTimeField(_("clôture précédente"))
    new_closes = models.DateTimeField(_("nouvelle clôture"))
    reason = models.TextField(_("motif"))
    decided_at = models.DateTimeField(_("décidée le"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )

    class Meta:
        verbose_name = _("prolongation du vote")
        verbose_name_plural = _("prolongations du vote")
        ordering = ["campaign", "decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_closes__gt=F("previous_closes")),
                name="extension_pushes_close_later",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.slug}: {self.previous_closes} → {self.new_closes}"


class Participation(models.Model):
    """The émargement: this agent has voted in this scrutin, at this time. Never the choice."""

    scrutin = models.ForeignKey(
        "ballots.Scrutin",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("scrutin"),
    )
    agent = models.ForeignKey(
        "webmail_auth.Agent",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("agent"),
    )
    voted_at = models.DateTimeField(_("a voté le"))

    class Meta:
        verbose_name = _("émargement")
        verbose_name_plural = _("émargements")
        constraints = [
            models.UniqueConstraint(fields=["agent", "scrutin"], name="participation_one_vote"),
        ]

    def __str__(self) -> str:
        return f"{self.scrutin.code}: {self.agent}"


class TurnoutScrutin(Scrutin):
    """The scrutins seen as turnout counts (an admin page: voters / registered, no content)."""

    class Meta:
        proxy = True
        verbose_name = _("participation par scrutin")
        verbose_name_plural = _("participation par scrutin")


class CodeAttempts(models.Model):
    """Wrong voting codes typed by an elector: each one past a few makes them wait longer.

    A growing delay, never a lockout: the vote stays possible until the close. Holds no
    code and nothing about a ballot.
    """

    agent = models.OneToOneField(
        "webmail_auth.Agent",
        on_delete=models.CASCADE,
        related_name="code_attempts",
        verbose_name=_("agent"),
    )
    failures = models.PositiveIntegerField(_("codes erronés"), default=0)
    last_failure_at = models.DateTimeField(_("dernier code erroné le"))

    class Meta:
        verbose_name = _("codes de vote erronés")
        verbose_name_plural = _("codes de vote erronés")

    def __str__(self) -> str:
        return f"{self.agent_id}: {self.failures}"
