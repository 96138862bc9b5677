"""`trustees_export --campaign SLUG --out FILE [--trustees N --threshold K]` (server side).

Writes the ceremony file each trustee reads for their next step: N, K and the public
messages received so far. The first call fixes N and K.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.trustee_cli import write_file
from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.campaign import CampaignSealed
from ballots.services.trustees import (
    TrusteesError,
    ceremony_bytes,
    ceremony_define,
    ceremony_export,
)


class Command(BaseCommand):
    help = _("Exporte le fichier de cérémonie des clés pour l'étape suivante des scrutateurs.")

    def add_arguments(self, parser):
        add_campaign_option(parser)
        parser.add_argument(
            "--out", required=True, metavar="FICHIER", help=_("le fichier de cérémonie à écrire")
        )
        parser.add_argument("--trustees", type=int, help=_("N, à la première exportation"))
        parser.add_argument("--threshold", type=int, help=_("K, à la première exportation"))

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        try:
            if options["trustees"] is not None or options["threshold"] is not None:
                if options["trustees"] is None or options["threshold"] is None:
                    raise CommandError(_("Indiquez à la fois --trustees et --threshold."))
                ceremony_define(
                    campaign=campaign,
                    trustees=options["trustees"],
                    threshold=options["threshold"],
                    at=timezone.now(),
                )
            document = ceremony_export(campaign)
        except (TrusteesError, CampaignSealed) as error:
            raise CommandError(str(error)) from None
        write_file(options["out"], ceremony_bytes(document))
        self.stdout.write(
            _("Cérémonie de %(slug)s (%(k)s sur %(n)s) écrite dans %(out)s : %(r1)s, %(r2)s, "
              "%(r3)s message(s) des étapes 1, 2, 3.")
            % {"slug": campaign.slug, "k": document["k"], "n": document["n"],
               "out": options["out"], "r1": len(document["round1"]),
               "r2": len(document["round2"]), "r3": len(document["round3"])}
        )  # fmt: skip
