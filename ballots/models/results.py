"""Results per scrutin (from the tally of the box, or from the paper count) and per list."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ScrutinResult(models.Model):
    class Source(models.TextChoices):
        TALLY = "depouillement", _("dépouillement de l'urne électronique")
        PAPER = "papier", _("procès-verbal du vote sur papier")

    scrutin = models.OneToOneField(
        "ballots.Scrutin",
        on_delete=models.CASCADE,
        related_name="result",
        verbose_name=_("scrutin"),
    )
    source = models.CharField(_("origine"), max_length=16, choices=Source.choices)
    registered = models.PositiveIntegerField(_("inscrits"))
    voters = models.PositiveIntegerField(_("votants"))
    blank = models.PositiveIntegerField(_("blancs"))
    invalid = models.PositiveIntegerField(_("nuls"))
    valid = models.PositiveIntegerField(_("exprimés"))
    box_digest = models.CharField(_("empreinte de l'urne"), max_length=64, blank=True)
    seat_draws = models.JSONField(
        _("tirages au sort"),
        default=list,
        blank=True,
        help_text=_("Sièges attribués par tirage au sort en cas d'égalité."),
    )
    computed_at = models.DateTimeField(_("établi le"))

    class Meta:
        verbose_name = _("résultat d'un scrutin")
        verbose_name_plural = _("résultats des scrutins")
        ordering = ["scrutin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voters__lte=F("registered")), name="result_voters_le_registered"
            ),
            models.CheckConstraint(
                condition=Q(valid=F("voters") - F("blank") - F("invalid")),
                name="result_valid_is_voters_minus_blank_invalid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.scrutin)


class ListResult(models.Model):
    result = models.ForeignKey(
        ScrutinResult, on_delete=models.CASCADE, related_name="lists", verbose_name=_("résultat")
    )
    candidate_list = models.ForeignKey(
        "ballots.CandidateList",
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("liste"),
    )
    votes = models.PositiveIntegerField(_("voix"))
    seats = models.PositiveSmallIntegerField(_("sièges"))

    class Meta:
        verbose_name = _("résultat d'une liste")
        verbose_name_plural = _("résultats des listes")
        ordering = ["result", "candidate_list__position"]
        constraints = [
            models.UniqueConstraint(fields=["result", "candidate_list"], name="list_result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_list}: {self.votes}"
