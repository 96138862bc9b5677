"""`extend_voting --campaign SLUG --until DT --reason TEXT`: push the close back, logged."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error, datetime_option
from ballots.services.sealing import SealingError, voting_extend
from core.paris import paris_format


class Command(BaseCommand):
    help = _("Prolonge le vote après un incident (heure de Paris), avec un motif journalisé.")

    def add_arguments(self, parser):
        add_campaign_option(parser)
        parser.add_argument(
            "--until",
            required=True,
            help=_("nouvelle clôture, heure de Paris (AAAA-MM-JJTHH:MM, ex. 2014-12-04T19:00)"),
        )
        parser.add_argument(
            "--reason", required=True, help=_("motif de la prolongation (journalisé, au PV)")
        )

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        until = datetime_option(options["until"], option="--until")
        try:
            extension = voting_extend(
                campaign=campaign, until=until, reason=options["reason"], at=timezone.now()
            )
        except SealingError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Clôture du vote de %(slug)s reportée du %(old)s au %(new)s.")
            % {
                "slug": campaign.slug,
                "old": paris_format(extension.previous_closes),
                "new": paris_format(extension.new_closes),
            }
        )
