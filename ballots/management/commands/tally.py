"""`tally --campaign SLUG --share FILE [--share FILE ...]`: open and count the box."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.tally import TallyRefused, campaign_tally
from core.csvfiles import path_problem


class Command(BaseCommand):
    help = _(
        "Après la clôture, avec au moins K parts de clé : dépouille, attribue les sièges, "
        "enregistre les résultats."
    )

    def add_arguments(self, parser):
        add_campaign_option(parser)
        parser.add_argument(
            "--share",
            action="append",
            default=[],
            metavar="FILE",
            help=_("fichier de part d'un détenteur (répéter l'option ; au moins le seuil)"),
        )

    @sensitive_variables("contents")  # the key shares
    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        contents = []
        for name in options["share"]:
            try:
                contents.append(Path(name).read_bytes())
            except OSError as error:
                raise CommandError(
                    _("Part de clé illisible : %(file)s (%(error)s).")
                    % {"file": name, "error": path_problem(error)}
                ) from None
        try:
            counts = campaign_tally(
                campaign=campaign, share_files=contents, at=timezone.now(), progress=self._progress
            )
        except TallyRefused as error:
            raise CommandError(str(error)) from None
        for count in counts:
            self.stdout.write(
                _(
                    "%(code)s : %(voters)s votants sur %(registered)s inscrits, %(blank)s blancs, "
                    "%(invalid)s nuls, urne %(digest)s"
                )
                % {
                    "code": count.scrutin.code,
                    "voters": count.voters,
                    "registered": count.registered,
                    "blank": count.blank,
                    "invalid": count.invalid,
                    "digest": count.box_digest[:16],
                }
            )
        self.stdout.write(
            _(
                "Dépouillement terminé : %(n)s scrutin(s) ; la clé a été oubliée. "
                "Résultats publiés à partir du %(date)s."
            )
            % {
                "n": len(counts),
                "date": timezone.localtime(campaign.results_from).strftime("%d/%m/%Y %H:%M"),
            }
        )

    def _progress(self, code: str, done: int, total: int) -> None:
        self.stdout.write(
            _("  %(code)s : %(done)s / %(total)s bulletins")
            % {"code": code, "done": done, "total": total}
        )
