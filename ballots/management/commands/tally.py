"""`tally --campaign SLUG [--partial FILE ...]`: close and count the box without decrypting
any ballot.

Without --partial (after the close): checks the whole board, closes it and publishes each
scrutin's encrypted tally; then export the archive for the trustees (export_archive).
With at least K partial decryptions (trustee_decrypt): checks every proof, counts,
allocates the seats, stores and publishes the results.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ballots.management.trustee_cli import read_file
from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.tally import TallyRefused, board_close, campaign_count


class Command(BaseCommand):
    help = _(
        "Après la clôture : clôt le tableau et publie les urnes chiffrées ; avec au moins K "
        "déchiffrements partiels (--partial) : compte, attribue les sièges, publie les résultats."
    )

    def add_arguments(self, parser):
        add_campaign_option(parser)
        parser.add_argument(
            "--partial",
            action="append",
            default=[],
            metavar="FICHIER",
            help=_(
                "déchiffrement partiel d'un scrutateur (trustee_decrypt) ; répéter l'option, "
                "au moins le seuil K ; sans elle, la commande clôt le tableau"
            ),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=_("processus de vérification (défaut : tous les cœurs)"),
        )

    @sensitive_variables("contents")  # the key shares
    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        at = timezone.now()
        try:
            if not options["partial"]:
                closed = board_close(campaign=campaign, at=at, workers=options["workers"])
                for code, ballots in closed:
                    self.stdout.write(
                        _("%(code)s : %(n)s bulletin(s), urne chiffrée publiée.")
                        % {"code": code, "n": ballots}
                    )
                self.stdout.write(
                    _("Tableau clos. Exportez-le (export_archive) et remettez-le aux "
                      "scrutateurs : chacun lance trustee_decrypt sur sa machine.")
                )  # fmt: skip
                return
            contents = [read_file(name, what=_("Déchiffrement partiel"))
                        for name in options["partial"]]  # fmt: skip
            counts = campaign_count(campaign=campaign, partial_files=contents, at=at)
        except TallyRefused as error:
            raise CommandError(str(error)) from None
        for count in counts:
            self.stdout.write(
                _("%(code)s : %(voters)s votants sur %(registered)s inscrits, %(blank)s blancs")
                % {"code": count.scrutin.code, "voters": count.voters,
                   "registered": count.registered, "blank": count.blank}
            )  # fmt: skip
        self.stdout.write(
            _("Dépouillement terminé : %(n)s scrutin(s), aucun bulletin déchiffré seul. "
              "Résultats publiés à partir du %(date)s.")
            % {"n": len(counts),
               "date": timezone.localtime(campaign.results_from).strftime("%d/%m/%Y %H:%M")}
        )  # fmt: skip
