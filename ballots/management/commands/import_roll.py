"""import_roll FILE --campaign SLUG [--skip-invalid] [--exclusive] (format in docs/interface.md)."""

from django.utils.translation import gettext as _

from ballots.management.campaign_cli import ImportCommand
from ballots.services.imports import roll_import


class Command(ImportCommand):
    help = _(
        "Importe les listes électorales : colonnes scrutin,numen (une ligne par électeur et "
        "par scrutin). Les inscriptions existantes sont conservées."
    )
    what = _("inscriptions")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--exclusive",
            action="store_true",
            help=_(
                "PostgreSQL : vérifier les références une seule fois à la fin (environ deux "
                "fois plus rapide pour des millions de lignes) ; l'annuaire, les scrutins et "
                "les listes électorales restent verrouillés pendant l'import, la messagerie "
                "et l'espace électeur attendent. À réserver aux imports hors service."
            ),
        )

    def handle(self, *args, exclusive: bool = False, **options):
        self.exclusive = exclusive
        return super().handle(*args, **options)

    def run_import(self, **kwargs):
        return roll_import(exclusive=self.exclusive, **kwargs)
