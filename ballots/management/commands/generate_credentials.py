"""`generate_credentials --campaign SLUG --out DIR`: the credential authority's step.

Run on the authority's own machine, with a copy of the rolls: one voting code per
elector of the campaign (for the paper notices) and the public-credential file for
the server. Nothing is written to the database; the codes file stays with the
authority (mode 0600) and never goes to the server.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ballots.management.voting_cli import (
    add_campaign_option,
    add_out_option,
    authority_errors,
    campaign_or_error,
)
from ballots.services.credentials import credentials_generate


class Command(BaseCommand):
    help = _("Autorité de certification : codes de vote et fichier des identifiants publics.")

    def add_arguments(self, parser):
        add_campaign_option(parser)
        add_out_option(
            parser,
            help=_("dossier où écrire les codes (secrets) et le fichier des identifiants publics"),
        )

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        with authority_errors(options["out"]):
            result = credentials_generate(campaign=campaign, out_dir=Path(options["out"]))
        self.stdout.write(
            _("%(e)s électeur(s), %(c)s identifiant(s) public(s).")
            % {"e": result.electors, "c": result.credentials}
        )
        self.stdout.write(
            _("Codes de vote (secrets, pour les notices) : %(f)s") % {"f": result.codes_file}
        )
        self.stdout.write(
            _(
                "Notices de vote : %(n)s notice(s) pour %(e)s établissement(s) dans %(dir)s "
                "(notices/ par académie et établissement, emargement/ les feuilles de remise, "
                "envoi-postal.csv pour le routeur, sans code)"
            )
            % {
                "n": result.notices.notices,
                "e": result.notices.establishments,
                "dir": options["out"],
            }
        )
        self.stdout.write(
            _("Identifiants publics (pour le serveur, import_credentials) : %(f)s")
            % {"f": result.public_file}
        )
