"""`trustee_decrypt --board ARCHIVE --key KEYFILE --out FILE`: a trustee's partial decryption.

Run by each trustee on their own machine, on the archive exported after `tally`
closed the board. The whole board is verified first and the encrypted tallies are
checked against the product of its ballots: a tally handed over is never trusted.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ballots.management.trustee_cli import (
    add_passphrase_argument,
    read_file,
    read_passphrase,
    write_file,
)
from ballots.protocol import InvalidArchive
from ballots.trustee_side import TrusteeFileError, partial_decrypt


class Command(BaseCommand):
    help = _("Déchiffrement partiel d'un scrutateur, fait sur sa machine à partir du tableau.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--board",
            required=True,
            metavar="ARCHIVE",
            help=_("l'archive du tableau exportée après la clôture (export_archive)"),
        )
        parser.add_argument(
            "--key", required=True, metavar="FICHIER", help=_("votre fichier de clé de scrutateur")
        )
        parser.add_argument(
            "--out",
            required=True,
            metavar="FICHIER",
            help=_("le déchiffrement partiel à remettre au serveur (tally --partial)"),
        )
        add_passphrase_argument(parser)

    @method_decorator(sensitive_variables("passphrase", "key", "sealed"))
    def handle(self, *args, **options):
        sealed = read_file(options["key"], what=_("Fichier de clé"))
        passphrase = read_passphrase(options)
        try:
            content, scrutins = partial_decrypt(
                options["board"], sealed=sealed, passphrase=passphrase
            )
        except TrusteeFileError as error:
            raise CommandError(str(error)) from None
        except (OSError, InvalidArchive) as error:
            raise CommandError(
                _("Archive illisible : %(file)s (%(error)s).")
                % {"file": options["board"], "error": error}
            ) from None
        write_file(options["out"], content)
        self.stdout.write(
            _("Déchiffrement partiel de %(n)s scrutin(s) écrit dans %(out)s : remettez-le au "
              "serveur (tally --partial).")
            % {"n": len(scrutins), "out": options["out"]}
        )  # fmt: skip
