"""import_scrutins FILE --campaign SLUG [--skip-invalid] (format in docs/interface.md)."""

from django.utils.translation import gettext as _

from ballots.management.campaign_cli import ImportCommand
from ballots.services.imports import scrutins_import


class Command(ImportCommand):
    help = _(
        "Importe les scrutins d'une campagne : colonnes code,libelle,type,perimetre,sieges,"
        "mode ; facultatives : academie,departement."
    )
    what = _("scrutins")

    def run_import(self, **kwargs):
        return scrutins_import(**kwargs)
