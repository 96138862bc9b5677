"""`import_replacements FILE --campaign SLUG [--skip-invalid]`: the authority's new credentials.

Columns `demande,identifiant,scrutin,identifiant_public` (replace_credentials' file).
Each row must belong to an approved request, for a scrutin in which the elector has not
voted; all or nothing unless --skip-invalid. The old credential stops working, the new
one is accepted, and the board records each replacement (no name).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.credential_replacements import replacements_import
from ballots.services.credentials import CredentialsError
from core.csvfiles import CsvFileError, ImportRejected


class Command(BaseCommand):
    help = _("Importe les identifiants publics de remplacement produits par l'autorité.")

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            metavar="FICHIER",
            help=_("identifiants-remplaces.csv (demande,identifiant,scrutin,identifiant_public)"),
        )
        add_campaign_option(parser)
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("importer les lignes valides et lister les autres"),
        )

    def handle(self, *args, file: str, **options):
        campaign = campaign_or_error(options["campaign"])
        try:
            counts, skipped = replacements_import(
                campaign=campaign,
                source=file,
                at=timezone.now(),
                skip_invalid=options["skip_invalid"],
            )
        except ImportRejected as error:
            lines = [str(error), *(f"  {row}" for row in error.errors)]
            raise CommandError("\n".join(lines)) from None
        except (CsvFileError, CredentialsError) as error:
            raise CommandError(str(error)) from None
        for row in skipped:
            self.stderr.write(_("ignorée : %(row)s") % {"row": row})
        self.stdout.write(_("%(n)s identifiant(s) remplacé(s).") % {"n": sum(counts.values())})
        for code, number in sorted(counts.items()):
            self.stdout.write(f"  {code} : {number}")
