"""`turnout --campaign SLUG [--out FILE] [--at DT]`: voters / registered per scrutin now (or
at DT); `--out` writes the CSV per scrutin and académie that unions receive. Counts only."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error, datetime_option
from ballots.selectors_voting import percent, turnout_by_academie
from ballots.services.turnout import turnout_export
from core.csvfiles import path_problem


class Command(BaseCommand):
    help = _(
        "Affiche la participation par scrutin (vote par internet) à cet instant ou à --at ; "
        "avec --out, écrit le fichier CSV par scrutin et académie remis aux organisations "
        "syndicales."
    )

    def add_arguments(self, parser):
        add_campaign_option(parser)
        parser.add_argument(
            "--out",
            metavar="FILE",
            help=_(
                "fichier CSV à écrire : campagne,scrutin,libelle,academie,inscrits,votants,"
                "participation,au"
            ),
        )
        parser.add_argument(
            "--at",
            metavar="DT",
            help=_("compter les votes exprimés avant cet instant, heure de Paris "
                   "(AAAA-MM-JJTHH:MM) ; défaut : maintenant"),
        )  # fmt: skip

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        at = datetime_option(options["at"], option="--at") if options["at"] else timezone.now()
        if options["out"]:
            try:
                with open(options["out"], "w", encoding="utf-8", newline="") as out:
                    rows = turnout_export(campaigns=[campaign], out=out, at=at)
            except OSError as error:
                raise CommandError(
                    _("Impossible d'écrire %(file)s : %(error)s.")
                    % {"file": options["out"], "error": path_problem(error)}
                ) from None
            self.stdout.write(
                _("%(rows)d ligne(s) écrite(s) dans %(file)s.")
                % {"rows": rows, "file": options["out"]}
            )
            return
        self._table(campaign, at=at)

    def _table(self, campaign, *, at) -> None:
        per_scrutin: dict[str, list[int]] = {}
        for line in turnout_by_academie(campaign, at=at):
            counts = per_scrutin.setdefault(line.scrutin.code, [0, 0])
            counts[0] += line.voters
            counts[1] += line.registered
        self.stdout.write(
            _("Participation à %(slug)s le %(now)s")
            % {"slug": campaign.slug, "now": timezone.localtime(at).strftime("%d/%m/%Y %H:%M:%S")}
        )
        self.stdout.write(f"{'scrutin':<24} {'votants':>10} {'inscrits':>10} {'%':>7}")
        for code, (voters, registered) in per_scrutin.items():
            self.stdout.write(
                f"{code:<24} {voters:>10} {registered:>10} {percent(voters, registered):>7}"
            )
        voters = sum(counts[0] for counts in per_scrutin.values())
        registered = sum(counts[1] for counts in per_scrutin.values())
        self.stdout.write(
            f"{_('total'):<24} {voters:>10} {registered:>10} {percent(voters, registered):>7}"
        )
