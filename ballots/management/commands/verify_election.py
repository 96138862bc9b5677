"""`verify_election FILE`: every check of the offline verifier on an archive.

The same checks as `python -m verifier FILE`: exit 0 only if all hold; each failure
is a French sentence naming the event, the scrutin and the tracking number.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ballots.protocol import verify_archive
from ballots.services.archive import verification_workers
from core.csvfiles import path_problem


class Command(BaseCommand):
    help = _(
        "Vérifie l'archive publique d'une campagne ; code de sortie 0 seulement si tout tient."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FICHIER", help=_("l'archive d'une campagne (export_archive)")
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help=_(
                "processus de vérification (défaut : tous les cœurs ; une petite archive "
                "est vérifiée dans un seul)"
            ),
        )
        parser.add_argument(
            "--en-cours",
            dest="open_vote",
            action="store_true",
            help=_("le vote n'est pas clos : ne pas exiger le dépouillement"),
        )

    def handle(self, *args, file: str, workers: int, open_vote: bool, **options):
        try:
            with open(file, "rb"):
                pass
        except OSError as error:
            raise CommandError(
                _("Archive illisible : %(file)s (%(error)s).")
                % {"file": file, "error": path_problem(error)}
            ) from None
        report = verify_archive(
            file, workers=verification_workers(file, max(1, workers)), require_count=not open_vote
        )
        if report.failures and report.failures[0].reason == "unreadable":
            raise CommandError(
                _("Archive illisible : %(detail)s.") % {"detail": report.failures[0].detail}
            )
        for code, counts in sorted(report.counts.items()):
            self.stdout.write(
                _("Scrutin %(code)s : voix par case (blanc d'abord) %(counts)s.")
                % {"code": code, "counts": counts}
            )
        if not report.ok:
            lines = [failure.sentence() for failure in report.failures]
            lines.append(
                _("ÉCHEC : %(n)s vérification(s) en défaut sur l'archive de %(campaign)s.")
                % {"n": len(report.failures), "campaign": report.campaign}
            )
            raise CommandError("\n".join(lines))
        self.stdout.write(
            _("Archive de %(campaign)s vérifiée : %(n)s bulletins, toutes les vérifications "
              "tiennent. Tête du tableau : %(head)s.")
            % {"campaign": report.campaign, "n": report.ballots, "head": report.head}
        )  # fmt: skip
