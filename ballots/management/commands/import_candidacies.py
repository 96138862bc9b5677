"""import_candidacies FILE --campaign SLUG [--skip-invalid] (format in docs/interface.md)."""

from django.utils.translation import gettext as _

from ballots.management.campaign_cli import ImportCommand
from ballots.services.imports import candidacies_import


class Command(ImportCommand):
    help = _(
        "Importe les candidatures : colonnes scrutin,ordre,organisation,sigle ; facultatives : "
        "rang,nom,prenom,qualite (titulaire/suppleant). Une liste sans candidat est une "
        "liste sous sigle seul."
    )
    what = _("listes")

    def run_import(self, **kwargs):
        return candidacies_import(**kwargs)
