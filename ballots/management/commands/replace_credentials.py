"""`replace_credentials --campaign SLUG --out DIR`: new codes for the approved lost notices.

The credential authority's step, on its own machine, like generate_credentials: for each
approved request, a new voting code, the new notice (remise-etablissement/ or
envoi-courrier/, with their hand-over sheets and mail CSV) and identifiants-remplaces.csv
for the server's import_replacements. Nothing is written to the database.
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
from ballots.services.credential_replacements import PUBLIC_FILE, replacements_generate


class Command(BaseCommand):
    help = _("Autorité de certification : nouveaux codes et notices des demandes approuvées.")

    def add_arguments(self, parser):
        add_campaign_option(parser)
        add_out_option(
            parser, help=_("dossier où écrire les nouveaux codes, les notices et le fichier public")
        )

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        out = Path(options["out"])
        with authority_errors(options["out"]):
            result = replacements_generate(campaign=campaign, out_dir=out)
        self.stdout.write(
            _("%(r)s notice(s) de remplacement, %(c)s identifiant(s) public(s) nouveaux.")
            % {"r": result.requests, "c": result.credentials}
        )
        for delivery, printed in result.notices.items():
            self.stdout.write(
                _("  %(delivery)s : %(n)s notice(s)") % {"delivery": delivery, "n": printed.notices}
            )
        if result.skipped:
            self.stdout.write(
                _("Sans remplacement (a voté à tous ses scrutins depuis) : %(who)s")
                % {"who": ", ".join(result.skipped)}
            )
        self.stdout.write(
            _("Pour le serveur (import_replacements) : %(f)s") % {"f": out / PUBLIC_FILE}
        )
