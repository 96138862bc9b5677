"""`trustee_keygen --step 1|2|3 --ceremony FILE --key KEYFILE --out FILE`: a trustee's step.

Run by each trustee on their own machine (only the project installed, no database
needed). Step 1 (with --index and --name) creates the key file, sealed under the
passphrase, and the round-1 message; steps 2 and 3 read the ceremony file the server
exported after the previous round. Each step's --out file goes back to the server
(`trustees_import`). After step 3 the key file holds only this trustee's share.
"""

import json

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
from ballots.trustee_side import (
    CEREMONY_FORMAT,
    KDF_LIMITS,
    TrusteeFileError,
    keygen_step1,
    keygen_step2,
    keygen_step3,
    read_json,
)


class Command(BaseCommand):
    help = _("Une étape de la génération des clés par un scrutateur, sur sa propre machine.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--step",
            type=int,
            choices=[1, 2, 3],
            required=True,
            help=_("l'étape de la cérémonie : 1, puis 2, puis 3"),
        )
        parser.add_argument(
            "--ceremony",
            required=True,
            metavar="FICHIER",
            help=_("le fichier exporté par le serveur (trustees_export)"),
        )
        parser.add_argument(
            "--key",
            required=True,
            metavar="FICHIER",
            help=_("votre fichier de clé (créé à l'étape 1)"),
        )
        parser.add_argument(
            "--out",
            required=True,
            metavar="FICHIER",
            help=_("le message à remettre au serveur"),
        )
        parser.add_argument("--index", type=int, help=_("étape 1 : votre numéro (1 à N)"))
        parser.add_argument("--name", default="", help=_("étape 1 : votre nom et qualité"))
        parser.add_argument(
            "--kdf",
            choices=sorted(KDF_LIMITS),
            default="moderate",
            help=_("coût de la dérivation de la phrase de passe"),
        )
        add_passphrase_argument(parser)

    @method_decorator(sensitive_variables("passphrase", "key", "sealed"))
    def handle(self, *args, step: int, **options):
        ceremony_bytes = read_file(options["ceremony"], what=_("Fichier de cérémonie"))
        try:
            ceremony = read_json(
                ceremony_bytes, expected=CEREMONY_FORMAT, what=_("Fichier de cérémonie")
            )
            if step == 1:
                if options["index"] is None:
                    raise CommandError(_("L'étape 1 demande votre numéro (--index)."))
                passphrase = read_passphrase(options, new=True)
                key, message = keygen_step1(
                    ceremony,
                    index=options["index"],
                    name=options["name"],
                    passphrase=passphrase,
                    kdf=options["kdf"],
                )
                write_file(options["out"], message)
                write_file(options["key"], key, private=True)
            else:
                sealed = read_file(options["key"], what=_("Fichier de clé"))
                passphrase = read_passphrase(options)
                if step == 2:
                    message = keygen_step2(ceremony, sealed=sealed, passphrase=passphrase)
                    write_file(options["out"], message)
                else:
                    key, message = keygen_step3(
                        ceremony, sealed=sealed, passphrase=passphrase, kdf=options["kdf"]
                    )
                    write_file(options["out"], message)
                    write_file(options["key"], key, private=True)
        except TrusteeFileError as error:
            raise CommandError(str(error)) from None
        except (KeyError, TypeError, ValueError) as error:
            raise CommandError(
                _("Fichier de cérémonie incomplet ou incohérent (%(error)s).") % {"error": error}
            ) from None
        kind = json.loads(message)["message"]["type"]
        if kind == "complaint":
            self.stdout.write(
                _("Des parts reçues ne correspondent pas aux engagements : plainte écrite dans "
                  "%(out)s. Remettez-la au serveur ; la cérémonie sera recommencée.")
                % {"out": options["out"]}
            )  # fmt: skip
            return
        self.stdout.write(
            _("Étape %(step)s terminée : remettez %(out)s au serveur. Gardez %(key)s et votre "
              "phrase de passe pour vous.")
            % {"step": step, "out": options["out"], "key": options["key"]}
        )  # fmt: skip
