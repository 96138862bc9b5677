"""`seal_campaign --campaign SLUG`: check, fingerprint and freeze the campaign."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.sealing import SealingError, campaign_seal


class Command(BaseCommand):
    help = _("Vérifie que la campagne est prête, enregistre son empreinte et la scelle.")

    def add_arguments(self, parser):
        add_campaign_option(parser)

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        try:
            seal = campaign_seal(campaign=campaign, at=timezone.now())
        except SealingError as error:
            lines = [str(error), *(f"  - {problem}" for problem in error.problems)]
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(
            _("Campagne %(slug)s scellée. Empreinte : %(fp)s")
            % {"slug": campaign.slug, "fp": seal.fingerprint}
        )
