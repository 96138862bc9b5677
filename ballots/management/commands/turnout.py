"""`turnout --campaign SLUG`: voters / registered per scrutin, now (never any content)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.selectors_voting import campaign_turnout, percent


class Command(BaseCommand):
    help = _("Affiche la participation par scrutin à cet instant.")

    def add_arguments(self, parser):
        add_campaign_option(parser)

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        rows = campaign_turnout(campaign)
        now = timezone.localtime()
        self.stdout.write(
            _("Participation à %(slug)s le %(now)s")
            % {"slug": campaign.slug, "now": now.strftime("%d/%m/%Y %H:%M:%S")}
        )
        self.stdout.write(f"{'scrutin':<24} {'votants':>10} {'inscrits':>10} {'%':>7}")
        for row in rows:
            self.stdout.write(
                f"{row.scrutin.code:<24} {row.voters:>10} {row.registered:>10} {row.rate:>7}"
            )
        voters = sum(row.voters for row in rows)
        registered = sum(row.registered for row in rows)
        self.stdout.write(
            f"{_('total'):<24} {voters:>10} {registered:>10} {percent(voters, registered):>7}"
        )
