"""Scrutins, their electoral rolls and their candidate lists."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ballots.uploads import validate_logo, validate_profession_de_foi


class Scrutin(models.Model):
    class Kind(models.TextChoices):
        CTM = "CTM", _("Comité technique ministériel")
        CTA = "CTA", _("Comité technique académique")
        CTSD = "CTSD", _("Comité technique spécial départemental")
        CTS = "CTS", _("Comité technique spécial")
        CAPN = "CAPN", _("Commission administrative paritaire nationale")
        CAPA = "CAPA", _("Commission administrative paritaire académique")
        CAPD = "CAPD", _("Commission administrative paritaire départementale")
        CCP = "CCP", _("Commission consultative paritaire")
        CCM = "CCM", _("Commission consultative mixte")
        CCMA = "CCMA", _("Commission consultative mixte académique")
        CCMD = "CCMD", _("Commission consultative mixte départementale")
        CCMI = "CCMI", _("Commission consultative mixte interdépartementale")

    class Perimeter(models.TextChoices):
        NATIONAL = "national", _("national")
        ACADEMIC = "academique", _("académique")
        DEPARTMENTAL = "departemental", _("départemental")

    class Mode(models.TextChoices):
        INTERNET = "internet", _("par internet")
        PAPER = "papier", _("sur papier")

    campaign = models.ForeignKey(
        "ballots.Campaign",
        on_delete=models.PROTECT,
        related_name="scrutins",
        verbose_name=_("campagne"),
    )
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("libellé"), max_length=255)
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    perimeter = models.CharField(_("périmètre"), max_length=16, choices=Perimeter.choices)
    academie = models.ForeignKey(
        "webmail_auth.Academie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scrutins",
        verbose_name=_("académie"),
    )
    department = models.CharField(_("département"), max_length=3, blank=True)
    seats = models.PositiveSmallIntegerField(_("sièges"))
    mode = models.CharField(
        _("mode de vote"), max_length=8, choices=Mode.choices, default=Mode.INTERNET
    )
    paper_instructions = models.TextField(
        _("modalités du vote sur papier"),
        blank=True,
        help_text=_("Où et comment voter, pour un scrutin sur papier."),
    )
    # Written by the seal (the `setup` event of the board carries the same): what every
    # ballot of this scrutin is made and checked against (verifier.manifest).
    manifest = models.JSONField(_("manifeste"), null=True, blank=True, editable=False)
    fingerprint = models.CharField(
        _("empreinte du manifeste"), max_length=64, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("scrutin")
        verbose_name_plural = _("scrutins")
        ordering = ["campaign", "code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="scrutin_code_unique"),
            models.CheckConstraint(condition=Q(seats__gt=0), name="scrutin_seats_positive"),
            models.CheckConstraint(
                condition=Q(perimeter="national") | Q(academie__isnull=False),
                name="scrutin_local_has_academie",
            ),
            models.CheckConstraint(
                condition=~Q(perimeter="departemental") | ~Q(department=""),
                name="scrutin_departmental_has_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    @property
    def is_paper(self) -> bool:
        return self.mode == self.Mode.PAPER


class RollEntry(models.Model):
    """One agent registered on one scrutin's electoral roll."""

    # No single-column indexes: the unique (scrutin, agent) and the (agent, scrutin) index
    # serve both lookups, and every index slows the import of millions of rows.
    scrutin = models.ForeignKey(
        Scrutin,
        on_delete=models.CASCADE,
        related_name="roll",
        verbose_name=_("scrutin"),
        db_index=False,
    )
    agent = models.ForeignKey(
        "webmail_auth.Agent",
        on_delete=models.PROTECT,
        related_name="roll_entries",
        verbose_name=_("agent"),
        db_index=False,
    )

    class Meta:
        verbose_name = _("inscription sur la liste électorale")
        verbose_name_plural = _("listes électorales")
        constraints = [
            models.UniqueConstraint(fields=["scrutin", "agent"], name="roll_entry_unique"),
        ]
        indexes = [models.Index(fields=["agent", "scrutin"])]

    def __str__(self) -> str:
        return f"{self.scrutin.code}: {self.agent}"


def profession_de_foi_path(instance: "CandidateList", filename: str) -> str:
    scrutin = instance.scrutin
    return f"professions-de-foi/{scrutin.campaign.slug}/{scrutin.code}-{instance.position}.pdf"


def logo_path(instance: "CandidateList", filename: str) -> str:
    # The served content type comes from the bytes (uploads.py); the name only helps humans.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    extension = extension if extension in {"png", "jpg", "jpeg"} else "img"
    scrutin = instance.scrutin
    return f"logos/{scrutin.campaign.slug}/{scrutin.code}-{instance.position}.{extension}"


class CandidateList(models.Model):
    """A union's list on one scrutin's ballot; a list without candidates is sigle-only."""

    scrutin = models.ForeignKey(
        Scrutin, on_delete=models.CASCADE, related_name="lists", verbose_name=_("scrutin")
    )
    position = models.PositiveSmallIntegerField(_("ordre sur le bulletin"))
    organisation = models.CharField(_("organisation"), max_length=255)
    acronym = models.CharField(_("sigle"), max_length=60)
    logo = models.FileField(
        _("logo"),
        upload_to=logo_path,
        blank=True,
        validators=[validate_logo],
        help_text=_("Image PNG ou JPEG, 500 Ko au plus."),
    )
    profession_de_foi = models.FileField(
        _("profession de foi (PDF)"),
        upload_to=profession_de_foi_path,
        blank=True,
        validators=[validate_profession_de_foi],
        help_text=_("Document PDF, 5 Mo au plus."),
    )

    class Meta:
        verbose_name = _("liste de candidats")
        verbose_name_plural = _("listes de candidats")
        ordering = ["scrutin", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scrutin", "position"], name="list_position_unique"),
            models.UniqueConstraint(fields=["scrutin", "acronym"], name="list_acronym_unique"),
            models.CheckConstraint(condition=Q(position__gt=0), name="list_position_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.acronym} ({self.scrutin.code})"


class Candidate(models.Model):
    class Quality(models.TextChoices):
        TITULAIRE = "titulaire", _("titulaire")
        SUPPLEANT = "suppleant", _("suppléant")

    candidate_list = models.ForeignKey(
        CandidateList, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("liste")
    )
    rank = models.PositiveSmallIntegerField(_("rang"))
    surname = models.CharField(_("nom"), max_length=150)
    first_name = models.CharField(_("prénom"), max_length=150)
    quality = models.CharField(_("qualité"), max_length=10, choices=Quality.choices)

    class Meta:
        verbose_name = _("candidat")
        verbose_name_plural = _("candidats")
        ordering = ["candidate_list", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate_list", "rank"], name="candidate_rank_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.first_name} {self.surname} ({self.get_quality_display()})"
