"""Helpers shared by the campaign's management commands: Paris dates, the import commands."""

from __future__ import annotations

from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ballots.management.voting_cli import campaign_or_error
from ballots.services.campaign import CampaignSealed, paris_datetime
from ballots.services.imports import ImportReport
from electionspro.csvimport import CsvFormatError, CsvImportError


def paris_day(text: str, *, option: str, end_of_day: bool = False) -> datetime:
    """A date `AAAA-MM-JJ` (or an ISO date-time) in Paris time; a date alone means 00:00
    (23:59:59.999999 with end_of_day, for a last included day)."""
    value = (text or "").strip()
    try:
        if len(value) == 10:
            return paris_datetime(date.fromisoformat(value), end_of_day=end_of_day)
        return paris_datetime(datetime.fromisoformat(value))
    except ValueError:
        raise CommandError(
            _(
                "%(option)s : « %(text)s » n'est pas une date valide ; format attendu AAAA-MM-JJ "
                "(par exemple 2014-10-15), heure de Paris."
            )
            % {"option": option, "text": text}
        ) from None


class ImportCommand(BaseCommand):
    """`import_x FILE --campaign SLUG [--skip-invalid]`: parse, call the service, report."""

    what = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("fichier CSV (UTF-8, séparateur , ou ;)"))
        parser.add_argument("--campaign", required=True, help=_("identifiant de la campagne"))
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("importer les lignes valides et lister les autres"),
        )

    def run_import(self, *, campaign, source, skip_invalid, progress) -> ImportReport:
        raise NotImplementedError

    def handle(
        self, *args, file: str, campaign: str, skip_invalid: bool, verbosity: int, **options
    ):
        target = campaign_or_error(campaign)
        progress = self.stdout.write if verbosity >= 1 else (lambda message: None)
        try:
            report = self.run_import(
                campaign=target, source=file, skip_invalid=skip_invalid, progress=progress
            )
        except (CsvFormatError, CampaignSealed) as error:
            raise CommandError(str(error)) from None
        except CsvImportError as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _(
                    "Le fichier %(file)s contient %(lines)d ligne(s) en erreur "
                    "(%(count)d erreur(s) listée(s) ci-dessus) : rien n'a été importé. "
                    "Corrigez-les, ou relancez avec --skip-invalid pour importer les lignes "
                    "valides."
                )
                % {
                    "file": file,
                    "lines": len({error.line for error in rejected.errors}),
                    "count": len(rejected.errors),
                }
            ) from None
        for error in report.skipped:
            self.stderr.write(str(error))
        if report.skipped:
            self.stderr.write(
                _("%(count)d ligne(s) ignorée(s) (--skip-invalid), listée(s) ci-dessus.")
                % {"count": len({error.line for error in report.skipped})}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Import des %(what)s terminé : %(rows)d ligne(s) lue(s), %(created)d créé(s), "
                    "%(updated)d modifié(s), %(unchanged)d inchangé(s)."
                )
                % {
                    "what": self.what,
                    "rows": report.rows,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                }
            )
        )
