"""Key ceremony: `generate_keys --campaign SLUG --trustees N --threshold K --out DIR`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import campaign_or_error
from ballots.services.keys import KeyCeremonyError, keys_generate


class Command(BaseCommand):
    help = _("Génère la paire de clés de la campagne et écrit une part par détenteur dans DIR.")

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True)
        parser.add_argument("--trustees", type=int, required=True)
        parser.add_argument("--threshold", type=int, required=True)
        parser.add_argument("--out", required=True)
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("remplace des clés existantes (avant le scellement seulement)"),
        )

    def handle(self, *args, **options):
        campaign = campaign_or_error(options["campaign"])
        try:
            result = keys_generate(
                campaign=campaign,
                trustees=options["trustees"],
                threshold=options["threshold"],
                out_dir=Path(options["out"]),
                at=timezone.now(),
                force=options["force"],
            )
        except KeyCeremonyError as error:
            raise CommandError(str(error)) from None
        key = result.key
        self.stdout.write(
            _("Clés de %(slug)s créées : %(k)s parts sur %(n)s ouvrent l'urne.")
            % {"slug": campaign.slug, "k": key.threshold, "n": key.trustees}
        )
        self.stdout.write(_("Empreinte de la clé publique : %s") % key.fingerprint)
        for share, path in zip(key.shares.all(), result.files, strict=True):
            self.stdout.write(f"  {share.index}. {share.holder}: {path} (sha256 {share.digest})")
        self.stdout.write(
            _(
                "Remettez chaque fichier à son détenteur puis effacez-le de cette "
                "machine. Le serveur ne garde que la clé publique."
            )
        )
