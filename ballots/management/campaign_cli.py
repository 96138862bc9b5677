"""Helpers shared by the campaign's management commands: Paris dates, the import commands."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.campaign import CampaignSealed
from core.csvfiles import CsvFileError, ImportRejected, ImportReport
from core.paris import parse_paris_day


def day_option(text: str, *, option: str, end_of_day: bool = False) -> datetime:
    """The value of a date option (core.paris.parse_paris_day), or a CommandError in French."""
    try:
        return parse_paris_day(text, end_of_day=end_of_day)
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
        add_campaign_option(parser)
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
        except (CsvFileError, CampaignSealed) as error:
            raise CommandError(str(error)) from None
        except ImportRejected as rejected:
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
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(_("attention : %s") % warning))
        for error in report.skipped:
            self.stderr.write(str(error))
        if report.skipped:
            self.stderr.write(
                _("%(count)d ligne(s) ignorée(s) (--skip-invalid), listée(s) ci-dessus.")
                % {"count": report.rejected}
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
