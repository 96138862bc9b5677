"""`import_paper_results FILE --campaign SLUG`: counts of the paper scrutins."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.paper_results import PaperResultsRefused, paper_results_import
from core.csvfiles import CsvFileError, ImportRejected


class Command(BaseCommand):
    help = _(
        "Importe les résultats des scrutins sur papier : "
        "scrutin,inscrits,votants,blancs,nuls,sigle,voix."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help=_("fichier CSV : scrutin,inscrits,votants,blancs,nuls,sigle,voix")
        )
        add_campaign_option(parser)
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("importer les scrutins valides et lister les autres"),
        )

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        try:
            report = paper_results_import(
                campaign=campaign,
                source=options["file"],
                at=timezone.now(),
                skip_invalid=options["skip_invalid"],
            )
        except ImportRejected as error:
            raise CommandError("\n".join([str(error), *map(str, error.errors)])) from None
        except (CsvFileError, PaperResultsRefused) as error:
            raise CommandError(str(error)) from None
        for error in report.errors:
            self.stderr.write(_("ignorée : %s") % error)
        self.stdout.write(
            _("Résultats enregistrés pour %(n)s scrutin(s) : %(codes)s")
            % {"n": len(report.scrutins), "codes": ", ".join(report.scrutins) or "-"}
        )
