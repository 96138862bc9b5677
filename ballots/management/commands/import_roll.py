"""import_roll FILE --campaign SLUG [--skip-invalid] (CONTRACT.md section 5)."""

from django.utils.translation import gettext_lazy as _

from ballots.management.campaign_cli import ImportCommand
from ballots.services.imports import roll_import


class Command(ImportCommand):
    help = _(
        "Importe les listes électorales : colonnes scrutin,numen (une ligne par électeur et "
        "par scrutin). Les inscriptions existantes sont conservées."
    )
    what = _("inscriptions")

    def run_import(self, **kwargs):
        return roll_import(**kwargs)
