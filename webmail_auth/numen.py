"""The NUMEN: format, normalisation and the keyed digest that is all the database keeps.

A NUMEN has little entropy (a known académie code, a letter, a year, 5 digits,
3 letters), so an unkeyed hash would be brute-forced from a database dump in
minutes. The digest is an HMAC-SHA256 keyed with settings.NUMEN_PEPPER, which
lives outside the database: a dump alone lets nobody test a NUMEN. HMAC is fast
enough for a 1 M-row import, unlike a password hash (see docs/security.md).
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.utils.translation import gettext as _

NUMEN_LENGTH = 13
NUMEN_PATTERN = re.compile(r"[0-9]{2}[A-Z][0-9]{2}[0-9]{5}[A-Z]{3}")
NUMEN_FORMAT = "AA L YY NNNNN LLL"
# Domain separation: the same pepper could never produce a digest usable elsewhere.
_DIGEST_PREFIX = b"electionspro/numen/v1:"


class InvalidNumen(ValueError):
    """The input is not a NUMEN; the message is a French sentence for the user."""


def normalize_numen(raw: str) -> str:
    """Trim and upper-case, as the NUMEN is typed in every shape (docs/interface.md)."""
    return (raw or "").strip().upper()


def numen_error(raw: str) -> str | None:
    """Why `raw` is not a NUMEN (a French reason), or None when it is one.

    The reason never repeats the value: a near-miss NUMEN is still a secret.
    """
    value = normalize_numen(raw)
    if not value:
        return _("NUMEN absent")
    if len(value) != NUMEN_LENGTH:
        return _("NUMEN de %(count)d caractères au lieu de 13 (format %(format)s)") % {
            "count": len(value),
            "format": NUMEN_FORMAT,
        }
    if not NUMEN_PATTERN.fullmatch(value):
        return _(
            "NUMEN mal formé : 2 chiffres, 1 lettre, 2 chiffres, 5 chiffres, 3 lettres "
            "attendus (format %(format)s)"
        ) % {"format": NUMEN_FORMAT}
    return None


def is_valid_numen(raw: str) -> bool:
    return numen_error(raw) is None


def parse_numen(raw: str) -> str:
    """The normalised NUMEN, or InvalidNumen with the reason."""
    error = numen_error(raw)
    if error is not None:
        raise InvalidNumen(error)
    return normalize_numen(raw)


def numen_digest(numen: str, *, pepper: str | None = None) -> str:
    """Keyed digest (hex HMAC-SHA256) of a NUMEN, normalised first.

    Deterministic, so the import and the roll can find an agent by NUMEN with
    one indexed lookup; keyed, so a dump of the table is useless without the pepper.
    """
    key = (pepper if pepper is not None else settings.NUMEN_PEPPER).encode()
    message = _DIGEST_PREFIX + normalize_numen(numen).encode()
    return hmac.digest(key, message, hashlib.sha256).hex()


def previous_numen_digest(numen: str) -> str | None:
    """Digest under the previous pepper while a rotation is in progress, else None."""
    previous = getattr(settings, "NUMEN_PEPPER_PREVIOUS", "")
    if not previous:
        return None
    return numen_digest(numen, pepper=previous)


def digests_match(candidate: str, stored: str) -> bool:
    """Constant-time comparison of two hex digests."""
    return hmac.compare_digest(candidate.encode(), stored.encode())
