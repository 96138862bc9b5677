"""import_agents FILE [--skip-invalid]: the academic directory from an HR CSV file."""

from django.core.management.base import BaseCommand, CommandError

from core.csvfiles import CsvFileError, ImportRejected
from webmail_auth.importing import import_agent_file


class Command(BaseCommand):
    help = (
        "Importe l'annuaire académique depuis un fichier CSV (colonnes numen, nom, prenom, "
        "academie ; facultatives : corps, affectation, email). Rien n'est écrit si une ligne "
        "est invalide, sauf avec --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV (UTF-8, séparateur , ou ;)")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="importer les lignes valides et lister les autres",
        )

    def handle(self, *args, file: str, skip_invalid: bool, verbosity: int, **options):
        progress = self.stdout.write if verbosity >= 1 else None
        try:
            report = import_agent_file(file, skip_invalid=skip_invalid, progress=progress)
        except CsvFileError as error:
            raise CommandError(str(error)) from None
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            lines = len({error.line for error in rejected.errors})
            raise CommandError(
                f"Le fichier {file} contient {lines} ligne(s) en erreur ({len(rejected.errors)} "
                "erreur(s) listée(s) ci-dessus) : rien n'a été importé. Corrigez-les, ou relancez "
                "avec --skip-invalid pour importer les lignes valides."
            ) from None
        for error in report.skipped:
            self.stderr.write(str(error))
        if report.skipped:
            self.stderr.write(
                f"{report.rejected} ligne(s) ignorée(s) (--skip-invalid), listée(s) ci-dessus."
            )
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {report.summary()}."))
