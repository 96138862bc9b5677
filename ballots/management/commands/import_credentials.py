"""`import_credentials FILE --campaign SLUG`: the public credentials, checked against the rolls.

Columns `identifiant,scrutin,identifiant_public`; every point is checked, exactly one
per elector and internet scrutin of the rolls; all or nothing. Each scrutin's list
hash goes into its manifest, and the list (without names) on the board, at the seal.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.campaign import CampaignSealed
from ballots.services.credentials import CredentialsError, credentials_import
from core.csvfiles import CsvFileError, ImportRejected


class Command(BaseCommand):
    help = _("Importe les identifiants publics de vote produits par l'autorité.")

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            metavar="FICHIER",
            help=_(
                "identifiants-publics.csv de l'autorité (identifiant,scrutin,identifiant_public)"
            ),
        )
        add_campaign_option(parser)

    def handle(self, *args, file: str, **options):
        campaign = campaign_or_error(options["campaign"])
        try:
            count, hashes = credentials_import(campaign=campaign, source=file, at=timezone.now())
        except ImportRejected as error:
            lines = [str(error), *(f"  {row}" for row in error.errors)]
            raise CommandError("\n".join(lines)) from None
        except (CsvFileError, CredentialsError, CampaignSealed) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("%(n)s identifiant(s) public(s) importé(s).") % {"n": count})
        for code, digest in hashes.items():
            self.stdout.write(
                _("  %(code)s : empreinte de la liste %(hash)s") % {"code": code, "hash": digest}
            )
