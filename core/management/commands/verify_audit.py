"""verify_audit: check the audit trail's hash chain; name the first broken event."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit_chain import chain_verify


class Command(BaseCommand):
    help = _(
        "Vérifie la chaîne d'empreintes du journal d'audit : chaque événement porte "
        "l'empreinte du précédent. Code de sortie 0 seulement si elle est intacte ; sinon "
        "le premier événement altéré est nommé."
    )

    def handle(self, *args, **options):
        count, broken = chain_verify()
        if broken is not None:
            when = timezone.localtime(broken.at).isoformat() if broken.at else "—"
            raise CommandError(
                _(
                    "Journal d'audit altéré à l'événement n° %(id)s (%(at)s) : %(reason)s. "
                    "%(count)s événement(s) lus."
                )
                % {"id": broken.event_id, "at": when, "reason": broken.reason, "count": count}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Journal d'audit intègre : %(count)s événement(s) chaînés.") % {"count": count}
            )
        )
