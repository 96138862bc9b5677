"""`export_archive --campaign SLUG FILE`: the campaign's public archive (the whole board)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.archive import archive_export
from core.csvfiles import path_problem


class Command(BaseCommand):
    help = _("Écrit l'archive publique de la campagne (tableau complet, tailles des listes).")

    def add_arguments(self, parser):
        add_campaign_option(parser)
        parser.add_argument(
            "file", metavar="FICHIER", help=_("le fichier d'archive à écrire (JSON Lines)")
        )

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        try:
            archive_export(campaign=campaign, path=options["file"])
        except OSError as error:
            raise CommandError(
                _("Impossible d'écrire %(file)s (%(error)s).")
                % {"file": options["file"], "error": path_problem(error)}
            ) from None
        self.stdout.write(_("Archive écrite : %(file)s") % {"file": options["file"]})
