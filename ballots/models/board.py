"""The verifiable box: the public board, the public credentials and the trustees.

The board is an append-only, hash-chained log of events per campaign (setup,
credentials, trustees, ballots, end of voting, encrypted tallies, partial
decryptions, results); its format is the protocol's (`verifier.board`). A ballot
exists only as a board event: no voter, no timestamp, a random key. The émargement
(Participation) is another table, written in the same transaction.
"""

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class Board(models.Model):
    """The head of a campaign's board: the row every append locks, so heights never fork."""

    campaign = models.OneToOneField(
        "ballots.Campaign",
        on_delete=models.CASCADE,
        related_name="board",
        verbose_name=_("campagne"),
    )
    height = models.PositiveIntegerField(_("nombre d'événements"), default=0)
    head = models.CharField(_("empreinte de tête"), max_length=64, default=GENESIS)
    closed = models.BooleanField(_("vote clos sur le tableau"), default=False)

    class Meta:
        verbose_name = _("tableau public")
        verbose_name_plural = _("tableaux publics")

    def __str__(self) -> str:
        return f"{self.campaign.slug} #{self.height} {self.head[:16]}"


class BoardEvent(models.Model):
    """One event of the public board. `payload` is the canonical JSON the hash covers."""

    class Kind(models.TextChoices):
        SETUP = "setup", _("scellement")
        CREDENTIALS = "credentials", _("identifiants publics")
        TRUSTEES = "trustees", _("clés des scrutateurs")
        BALLOT = "ballot", _("bulletin")
        CREDENTIAL_REPLACED = "credential_replaced", _("identifiant remplacé")
        VOTING_EXTENDED = "voting_extended", _("vote prolongé")
        VOTING_CLOSED = "voting_closed", _("vote clos")
        ENCRYPTED_TALLY = "encrypted_tally", _("décompte chiffré")
        PARTIAL_DECRYPTION = "partial_decryption", _("déchiffrement partiel")
        RESULT = "result", _("résultat")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        "ballots.Campaign",
        on_delete=models.CASCADE,
        related_name="board_events",
        verbose_name=_("campagne"),
    )
    height = models.PositiveIntegerField(_("hauteur"))
    parent = models.CharField(_("empreinte du précédent"), max_length=64)
    kind = models.CharField(_("type"), max_length=24, choices=Kind.choices)
    payload = models.TextField(_("contenu (JSON canonique)"))
    payload_hash = models.CharField(_("empreinte du contenu"), max_length=64)
    hash = models.CharField(_("empreinte de l'événement"), max_length=64)
    # Denormalised from the payload for the public pages (never anything about a voter).
    scrutin = models.CharField(_("scrutin"), max_length=60, blank=True)
    tracking_number = models.CharField(_("numéro de suivi"), max_length=64, blank=True)
    encrypted_by = models.CharField(_("chiffré par"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("événement du tableau")
        verbose_name_plural = _("événements du tableau")
        ordering = ["campaign", "height"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "height"], name="board_event_height"),
            models.UniqueConstraint(
                fields=["campaign", "scrutin", "tracking_number"],
                condition=~Q(tracking_number=""),
                name="board_event_tracking_number",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "scrutin", "kind"], name="board_scrutin_kind")]

    def __str__(self) -> str:
        return f"{self.height} {self.kind}"


class BallotAlpha(models.Model):
    """Every α of every ballot accepted in a scrutin: the database refuses a repeated one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scrutin = models.ForeignKey(
        "ballots.Scrutin", on_delete=models.CASCADE, related_name="+", verbose_name=_("scrutin")
    )
    alpha = models.CharField("α", max_length=64)

    class Meta:
        verbose_name = _("α d'un bulletin")
        verbose_name_plural = _("α des bulletins")
        constraints = [
            models.UniqueConstraint(fields=["scrutin", "alpha"], name="ballot_alpha_unique")
        ]

    def __str__(self) -> str:
        return self.alpha[:16]


class EncryptedTotal(models.Model):
    """A scrutin's running product of accepted ballots, slot by slot (kept at each cast)."""

    scrutin = models.OneToOneField(
        "ballots.Scrutin",
        on_delete=models.CASCADE,
        related_name="encrypted_total",
        verbose_name=_("scrutin"),
    )
    ballots = models.PositiveIntegerField(_("bulletins"), default=0)
    ciphertexts = models.JSONField(_("produit chiffré [[α, β], …]"), default=list)

    class Meta:
        verbose_name = _("produit chiffré")
        verbose_name_plural = _("produits chiffrés")

    def __str__(self) -> str:
        return f"{self.scrutin_id}: {self.ballots}"


class PublicCredential(models.Model):
    """An elector's public credential for one scrutin (from the credential authority's file).

    The server never sees the voting code; it checks that a ballot is signed by the
    credential of the elector who casts it.
    """

    scrutin = models.ForeignKey(
        "ballots.Scrutin",
        on_delete=models.CASCADE,
        related_name="credentials",
        verbose_name=_("scrutin"),
    )
    agent = models.ForeignKey(
        "webmail_auth.Agent",
        on_delete=models.PROTECT,
        related_name="credentials",
        verbose_name=_("agent"),
    )
    credential = models.CharField(_("identifiant public"), max_length=64)
    replaced = models.BooleanField(_("remplacé"), default=False)

    class Meta:
        verbose_name = _("identifiant public de vote")
        verbose_name_plural = _("identifiants publics de vote")
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "scrutin"],
                condition=Q(replaced=False),
                name="credential_one_per_elector",
            ),
            models.UniqueConstraint(fields=["credential"], name="credential_unique"),
        ]

    def __str__(self) -> str:
        return self.credential[:16]


class ElectionKey(models.Model):
    """The campaign's joint public key, made by N trustees without a dealer; K decrypt."""

    campaign = models.OneToOneField(
        "ballots.Campaign",
        on_delete=models.CASCADE,
        related_name="election_key",
        verbose_name=_("campagne"),
    )
    trustees = models.PositiveSmallIntegerField(_("nombre de scrutateurs"))
    threshold = models.PositiveSmallIntegerField(_("seuil (déchiffrements nécessaires)"))
    public_key = models.CharField(_("clé publique (hex)"), max_length=64, blank=True)
    transcript = models.JSONField(
        _("transcription vérifiée de la cérémonie"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("créée le"))

    class Meta:
        verbose_name = _("clé de l'élection")
        verbose_name_plural = _("clés de l'élection")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=1), name="election_key_threshold_min"
            ),
            models.CheckConstraint(
                condition=Q(threshold__lte=F("trustees")), name="election_key_threshold_le_trustees"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.slug}: {self.threshold}/{self.trustees}"

    @property
    def ready(self) -> bool:
        return bool(self.public_key)


class Trustee(models.Model):
    """One trustee of the key: their messages of each round, relayed by the server."""

    election_key = models.ForeignKey(
        ElectionKey, on_delete=models.CASCADE, related_name="trustee_set", verbose_name=_("clé")
    )
    index = models.PositiveSmallIntegerField(_("numéro"))
    name = models.CharField(_("nom"), max_length=100)
    encryption_key = models.CharField(_("clé de chiffrement (hex)"), max_length=64)
    round1 = models.JSONField(_("tour 1"), null=True, blank=True)
    round2 = models.JSONField(_("tour 2"), null=True, blank=True)
    round3 = models.JSONField(_("tour 3"), null=True, blank=True)
    verification_key = models.CharField(_("clé de vérification (hex)"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scrutateur")
        verbose_name_plural = _("scrutateurs")
        ordering = ["election_key", "index"]
        constraints = [
            models.UniqueConstraint(fields=["election_key", "index"], name="trustee_index_unique")
        ]

    def __str__(self) -> str:
        return f"{self.index}. {self.name}"
