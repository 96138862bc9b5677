"""Helpers of the trustees' commands: passphrases and files.

A passphrase is never a command-line argument (it would show in `ps` and in the
shell's history): it is typed at a prompt, or read from the environment variable
ELECTIONSPRO_TRUSTEE_PASSPHRASE or from a file (--passphrase-file). It is never
logged or written anywhere.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from core.csvfiles import path_problem

PASSPHRASE_ENV = "ELECTIONSPRO_TRUSTEE_PASSPHRASE"  # noqa: S105 - a variable name
MIN_PASSPHRASE = 12


def add_passphrase_argument(parser) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FICHIER",
        help=_(
            "fichier dont la première ligne est la phrase de passe (sinon la variable "
            "ELECTIONSPRO_TRUSTEE_PASSPHRASE, sinon une saisie masquée)"
        ),
    )


@sensitive_variables("passphrase", "lines")
def read_passphrase(options: dict, *, new: bool = False) -> str:
    """The trustee's passphrase from a file, the environment or a masked prompt."""
    path = options.get("passphrase_file")
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Fichier de phrase de passe illisible : %(file)s (%(error)s).")
                % {
                    "file": path,
                    "error": _("encodage invalide")
                    if isinstance(error, UnicodeDecodeError)
                    else path_problem(error),
                }
            ) from None
        passphrase = lines[0] if lines else ""
    elif os.environ.get(PASSPHRASE_ENV):
        passphrase = os.environ[PASSPHRASE_ENV]
    else:
        passphrase = getpass.getpass(_("Phrase de passe du scrutateur : "))
        if new and getpass.getpass(_("La même, une seconde fois : ")) != passphrase:
            raise CommandError(_("Les deux saisies diffèrent : rien n'a été écrit."))
    if new and len(passphrase) < MIN_PASSPHRASE:
        raise CommandError(
            _("La phrase de passe doit compter au moins %(n)s caractères.") % {"n": MIN_PASSPHRASE}
        )
    if not passphrase:
        raise CommandError(_("Phrase de passe vide."))
    return passphrase


def read_file(path: str, *, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(
            _("%(what)s illisible : %(file)s (%(error)s).")
            % {"what": what, "file": path, "error": path_problem(error)}
        ) from None


def write_file(path: str, content: bytes, *, private: bool = False) -> None:
    """Write `content` to `path`; a private file (a key) is readable by its owner only."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if private:
            if target.exists():
                target.unlink()
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
        else:
            target.write_bytes(content)
    except OSError as error:
        raise CommandError(
            _("Impossible d'écrire %(file)s (%(error)s).")
            % {"file": path, "error": path_problem(error)}
        ) from None
