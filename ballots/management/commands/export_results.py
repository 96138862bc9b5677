"""`export_results --campaign SLUG FILE`: the results CSV (columns in docs/interface.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.results import results_export
from core.csvfiles import path_problem


class Command(BaseCommand):
    help = _("Écrit les résultats de la campagne en CSV (une ligne par liste).")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("fichier à écrire ; « - » pour la sortie standard"))
        add_campaign_option(parser)

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        if options["file"] == "-":
            results_export(campaign=campaign, out=self.stdout, at=timezone.now())
            return
        try:
            with open(options["file"], "w", encoding="utf-8", newline="") as out:
                rows = results_export(campaign=campaign, out=out, at=timezone.now())
        except OSError as error:
            raise CommandError(
                _("Impossible d'écrire %(file)s : %(error)s.")
                % {"file": options["file"], "error": path_problem(error)}
            ) from None
        if rows == 0:
            self.stderr.write(
                _("Aucun résultat enregistré pour %(slug)s : seul l'en-tête a été écrit.")
                % {"slug": campaign.slug}
            )
        self.stdout.write(
            _("%(rows)s ligne(s) écrite(s) dans %(file)s.")
            % {"rows": rows, "file": options["file"]}
        )
