"""send_opening_emails --campaign SLUG [--dry-run] [--queue] [--batch-size N]."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.opening_mails import (
    OpeningMailConflict,
    opening_mail_recipients,
    opening_mail_subject,
    opening_mails_enqueue,
    opening_mails_send,
)


class Command(BaseCommand):
    help = _(
        "Envoie « ouverture de votre espace électeur » à chaque agent actif inscrit sur une "
        "liste électorale de la campagne qui ne l'a pas encore reçu. Reprend là où un envoi "
        "interrompu s'est arrêté. Par défaut l'envoi se fait ici, lot par lot ; avec --queue, "
        "les lots sont confiés à la file de tâches (manage.py db_worker)."
    )

    def add_arguments(self, parser):
        add_campaign_option(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("compter les destinataires sans rien envoyer"),
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help=_("mettre les lots en file pour db_worker"),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help=_("courriels par lot (défaut : 1000)"),
        )

    def handle(
        self,
        *args,
        campaign: str,
        dry_run: bool,
        queue: bool,
        batch_size: int,
        verbosity: int,
        **options,
    ):
        target = campaign_or_error(campaign)
        if not 1 <= batch_size <= 10_000:
            raise CommandError(_("--batch-size : entre 1 et 10000."))
        pending = opening_mail_recipients(campaign=target).count()
        self.stdout.write(_("Objet : %(subject)s") % {"subject": opening_mail_subject(target)})
        if dry_run:
            self.stdout.write(
                _(
                    "Simulation : %(count)d agent(s) recevrai(en)t le courriel ; "
                    "rien n'a été envoyé."
                )
                % {"count": pending}
            )
            return
        if queue:
            batches = opening_mails_enqueue(campaign=target, batch_size=batch_size)
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "%(count)d destinataire(s) en %(batches)d lot(s) mis en file : lancez "
                        "« manage.py db_worker » pour les envoyer."
                    )
                    % {"count": pending, "batches": batches}
                )
            )
            return
        progress = self.stdout.write if verbosity >= 1 else None
        try:
            sent = opening_mails_send(campaign=target, batch_size=batch_size, progress=progress)
        except OpeningMailConflict as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(_("%(count)d courriel(s) d'ouverture envoyé(s).") % {"count": sent})
        )
