"""(Re)build the demo (described in docs/interface.md). Each capability adds its part."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ballots.demo_campaign import CALENDARS
from electionspro.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Reconstruit les données de démonstration (jamais en production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--calendar",
            choices=list(CALENDARS),
            default="now",
            help=" ; ".join(f"{name} : {what}" for name, what in CALENDARS.items())
            + ". Chaque lancement repart de zéro : messageries vidées, comptes créés en "
            "parcourant la démonstration supprimés.",
        )

    def handle(self, *args, calendar: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo crée des comptes aux mots de passe connus : lancez-le seulement "
                "avec DJANGO_DEBUG=1 (démonstration), jamais en production."
            )
        with transaction.atomic():
            report = seed_demo(calendar=calendar, stdout=self.stdout)
        for line in report:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Administration : /admin/ avec {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}"
            )
        )
