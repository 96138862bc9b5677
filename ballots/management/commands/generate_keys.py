"""Key ceremony: `generate_keys --campaign SLUG --trustees N --threshold K --out DIR`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ballots.management.voting_cli import add_campaign_option, campaign_or_error
from ballots.services.keys import KeyCeremonyError, keys_generate
from core.csvfiles import path_problem


class Command(BaseCommand):
    help = _("Génère la paire de clés de la campagne et écrit une part par détenteur dans DIR.")

    def add_arguments(self, parser):
        add_campaign_option(parser)
        parser.add_argument(
            "--trustees", type=int, required=True, help=_("nombre de détenteurs de parts (N)")
        )
        parser.add_argument(
            "--threshold",
            type=int,
            required=True,
            help=_("parts nécessaires pour ouvrir l'urne (K, au moins 2)"),
        )
        parser.add_argument(
            "--out", required=True, help=_("dossier où écrire une part par détenteur")
        )
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
        except OSError as error:
            raise CommandError(
                _("Impossible d'écrire les parts dans %(out)s : %(error)s.")
                % {"out": options["out"], "error": path_problem(error)}
            ) from None
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
