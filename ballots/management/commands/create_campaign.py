"""create_campaign SLUG --name NAME --rolls D --candidacies D --profile-deadline D --opens DT
--closes DT --results D (dates in Paris time, ISO format)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from ballots.management.campaign_cli import day_option
from ballots.management.voting_cli import datetime_option
from ballots.models import Campaign
from ballots.selectors import overlapping_campaigns
from ballots.services.campaign import campaign_create, validation_messages


class Command(BaseCommand):
    help = _(
        "Crée une campagne et son calendrier (heure de Paris). Les dates D (AAAA-MM-JJ) "
        "valent 00:00, sauf --profile-deadline qui vaut la fin du jour (23:59:59) ; "
        "--opens et --closes prennent une heure (AAAA-MM-JJTHH:MM)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help=_("identifiant, ex. electionspro2014"))
        parser.add_argument(
            "--name", required=True, help=_("nom affiché, ex. « Élections professionnelles 2014 »")
        )
        parser.add_argument(
            "--mail-tag", default="", help=_("défaut : [Slug], ex. [Electionspro2014]")
        )
        parser.add_argument(
            "--rolls",
            required=True,
            help=_("listes électorales consultables à partir du (AAAA-MM-JJ)"),
        )
        parser.add_argument(
            "--candidacies", required=True, help=_("candidatures publiées à partir du (AAAA-MM-JJ)")
        )
        parser.add_argument(
            "--profile-deadline",
            required=True,
            help=_("dernier jour des demandes de mise à jour du profil (AAAA-MM-JJ, inclus)"),
        )
        parser.add_argument(
            "--opens", required=True, help=_("ouverture du vote (AAAA-MM-JJTHH:MM)")
        )
        parser.add_argument(
            "--closes",
            required=True,
            help=_("clôture du vote, premier instant refusé (AAAA-MM-JJTHH:MM)"),
        )
        parser.add_argument(
            "--results", required=True, help=_("résultats publiés à partir du (AAAA-MM-JJ)")
        )

    def handle(self, *args, **options):
        calendar = {
            "rolls_from": day_option(options["rolls"], option="--rolls"),
            "candidacies_from": day_option(options["candidacies"], option="--candidacies"),
            "profile_updates_until": day_option(
                options["profile_deadline"], option="--profile-deadline", end_of_day=True
            ),
            "voting_opens": datetime_option(options["opens"], option="--opens"),
            "voting_closes": datetime_option(options["closes"], option="--closes"),
            "results_from": day_option(options["results"], option="--results"),
        }
        if Campaign.objects.filter(slug=options["slug"]).exists():
            raise CommandError(
                _("La campagne %(slug)s existe déjà : choisissez un autre identifiant.")
                % {"slug": options["slug"]}
            )
        try:
            campaign = campaign_create(
                slug=options["slug"], name=options["name"], mail_tag=options["mail_tag"], **calendar
            )
        except ValidationError as error:
            raise CommandError(
                _("Campagne non créée :")
                + "\n"
                + "\n".join(f"- {message}" for message in validation_messages(error))
            ) from None
        for other in overlapping_campaigns(campaign):
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "Attention : le vote de cette campagne chevauche celui de la campagne "
                        "%(slug)s (%(name)s, du %(opens)s au %(closes)s). Les électeurs inscrits "
                        "aux deux verront les deux campagnes, chacune avec ses scrutins."
                    )
                    % {
                        "slug": other.slug,
                        "name": other.name,
                        "opens": localtime(other.voting_opens).isoformat(),
                        "closes": localtime(other.voting_closes).isoformat(),
                    }
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Campagne %(slug)s créée (étiquette des courriels %(tag)s) : "
                    "vote du %(opens)s au %(closes)s."
                )
                % {
                    "slug": campaign.slug,
                    "tag": campaign.mail_tag,
                    "opens": calendar["voting_opens"].isoformat(),
                    "closes": calendar["voting_closes"].isoformat(),
                }
            )
        )
