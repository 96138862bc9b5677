"""`trustees_import FILE [FILE ...] --campaign SLUG` (server side): the trustees' messages.

After the last step-3 message, the whole transcript is checked and the joint public
key and the `trustees` event go on the board. The server never holds a secret.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.trustee_cli import read_file
from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.campaign import CampaignSealed
from ballots.services.trustees import TrusteesError, trustee_message_import


class Command(BaseCommand):
    help = _("Enregistre les messages des scrutateurs (étapes 1, 2 et 3 de la cérémonie).")

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FICHIER",
            help=_("les messages des scrutateurs (trustee_keygen --out), un ou plusieurs"),
        )
        add_campaign_option(parser)

    def handle(self, *args, files, **options):
        campaign = campaign_or_error(options["campaign"])
        for name in files:
            try:
                document = json.loads(read_file(name, what=_("Message de scrutateur")))
            except (UnicodeDecodeError, ValueError):
                raise CommandError(
                    _("%(file)s : fichier JSON illisible.") % {"file": name}
                ) from None
            try:
                status = trustee_message_import(
                    campaign=campaign, document=document, at=timezone.now()
                )
            except (TrusteesError, CampaignSealed) as error:
                raise CommandError(f"{name} : {error}") from None
            self.stdout.write(f"{name} : {status}")
