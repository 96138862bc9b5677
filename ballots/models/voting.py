"""The vote: keys, seal, émargement and the box.

Secrecy is structural. The émargement (Participation) says who voted in which
scrutin and when; the box (Ballot) holds which scrutin and the encrypted choice.
Nothing links the two: a ballot has a random UUID key, no timestamp, no voter,
and is always listed by its tracker, never in insertion order.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ballots.crypto import format_tracker, public_key_fingerprint

from .scrutins import Scrutin


class ElectionKey(models.Model):
    """The campaign's public key; the private key only ever exists as trustees' shares."""

    campaign = models.OneToOneField(
        "ballots.Campaign",
        on_delete=models.CASCADE,
        related_name="election_key",
        verbose_name=_("campagne"),
    )
    public_key = models.CharField(_("clé publique (hex)"), max_length=64)
    threshold = models.PositiveSmallIntegerField(_("seuil (parts nécessaires)"))
    trustees = models.PositiveSmallIntegerField(_("nombre de détenteurs"))
    created_at = models.DateTimeField(_("créée le"))

    class Meta:
        verbose_name = _("clé de l'élection")
        verbose_name_plural = _("clés de l'élection")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=2), name="election_key_threshold_min"
            ),
            models.CheckConstraint(
                condition=Q(threshold__lte=F("trustees")), name="election_key_threshold_le_trustees"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.slug}: {self.threshold}/{self.trustees}"

    @property
    def public_key_bytes(self) -> bytes:
        return bytes.fromhex(self.public_key)

    @property
    def fingerprint(self) -> str:
        return public_key_fingerprint(self.public_key_bytes)


class KeyShareFingerprint(models.Model):
    """The SHA-256 of one trustee's share file: lets the tally recognise a genuine share."""

    election_key = models.ForeignKey(
        ElectionKey, on_delete=models.CASCADE, related_name="shares", verbose_name=_("clé")
    )
    index = models.PositiveSmallIntegerField(_("numéro"))
    holder = models.CharField(_("détenteur"), max_length=100)
    digest = models.CharField(_("empreinte SHA-256 du fichier"), max_length=64)

    class Meta:
        verbose_name = _("empreinte de part de clé")
        verbose_name_plural = _("empreintes des parts de clé")
        ordering = ["election_key", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["election_key", "index"], name="key_share_index_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.index}. {self.holder}"


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


class Ballot(models.Model):
    """A ballot in the box: scrutin, ciphertext, tracker. No voter, no time, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scrutin = models.ForeignKey(
        "ballots.Scrutin",
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=_("scrutin"),
    )
    ciphertext = models.BinaryField(_("bulletin chiffré"))
    tracker = models.CharField(_("numéro de suivi"), max_length=32)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["tracker"]  # never insertion order
        constraints = [
            models.UniqueConstraint(fields=["scrutin", "tracker"], name="ballot_tracker_unique"),
        ]

    def __str__(self) -> str:
        return self.display_tracker

    @property
    def display_tracker(self) -> str:
        return format_tracker(self.tracker)


class TurnoutScrutin(Scrutin):
    """The scrutins seen as turnout counts (an admin page: voters / registered, no content)."""

    class Meta:
        proxy = True
        verbose_name = _("participation par scrutin")
        verbose_name_plural = _("participation par scrutin")
