"""Webmail identifier and professional address of an agent (rules in docs/interface.md).

Pure functions: the same names always give the same bare forms. Homonym
numbering (`vdupont2`, `vincent.dupont2@…`) needs the directory, so it is done
by the service that creates agents (services.py), never here.
"""

import functools
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter plus accents.
_SPECIAL_LETTERS = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ẞ": "SS",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)
# Straight and typographic apostrophes, the modifier letter and the prime seen in HR exports.
_APOSTROPHES = re.compile(r"['’‘ʼ`´′]")
# Hyphens and dashes that people type for a hyphen.
_HYPHENS = re.compile(r"[-‐‑‒–—]")
_NOT_LOWER_ASCII = re.compile(r"[^a-z]")
_NOT_ADDRESS_CHAR = re.compile(r"[^a-z -]")
_SEPARATORS = re.compile(r"[\s-]*-[\s-]*|\s+")


def fold(text: str) -> str:
    """Lower-case ASCII transliteration: accents dropped, `œ`→`oe`, `æ`→`ae`.

    NFKD splits every accented letter, composed (é) or decomposed (e + U+0301),
    into its base letter and combining marks; the marks are not ASCII and go.
    """
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL_LETTERS))
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


@functools.lru_cache(maxsize=65536)
def _letters(text: str) -> str:
    """Only the lower-case letters (names repeat a lot in a directory: cached)."""
    return _NOT_LOWER_ASCII.sub("", fold(_APOSTROPHES.sub("", text)))


def identifier_base(first_name: str, surname: str) -> str:
    """First letter of the first name + the surname, lower-case letters only.

    Vincent Dupont → `vdupont`; Jean-François Le Gall → `jlegall`. Empty when
    a name has no Latin letter (the import rejects such a row).
    """
    first = _letters(first_name)
    last = _letters(surname)
    if not first or not last:
        return ""
    return first[0] + last


@functools.lru_cache(maxsize=65536)
def address_part(name: str) -> str:
    """One side of `prenom.nom`: spaces inside become `-`, apostrophes dropped, hyphens kept.

    `Marie Claire` → `marie-claire`, `de La Fontaine` → `de-la-fontaine`, `N'Diaye` → `ndiaye`.
    """
    text = _HYPHENS.sub("-", _APOSTROPHES.sub("", name or ""))
    text = _NOT_ADDRESS_CHAR.sub("", fold(text))
    return _SEPARATORS.sub("-", text).strip("-")


def normalise_address(address: str | None) -> str:
    """An e-mail address as stored and compared everywhere: trimmed, lower case.

    Academic addresses are lower case by construction; people type them in any case.
    """
    return (address or "").strip().lower()


def address_base(first_name: str, surname: str, domain: str) -> str:
    """`prenom.nom@domain`, or "" when a name has no Latin letter."""
    first = address_part(first_name)
    last = address_part(surname)
    if not first or not last:
        return ""
    return f"{first}.{last}@{domain.strip().lower()}"


def numbered_identifier(base: str, number: int) -> str:
    """The homonym form: the first keeps the bare form, the next get 2, 3, …"""
    return base if number <= 1 else f"{base}{number}"


def numbered_address(base: str, number: int) -> str:
    """The number goes after the surname part: `vincent.dupont2@ac-grenoble.fr`."""
    if number <= 1:
        return base
    local, _sep, domain = base.partition("@")
    return f"{local}{number}@{domain}"


def identifier_number(base: str, identifier: str) -> int:
    """Inverse of numbered_identifier for an identifier known to start with `base`."""
    suffix = identifier[len(base) :]
    return int(suffix) if suffix.isdigit() else 1


def address_number(base: str, address: str) -> int:
    """Inverse of numbered_address for an address derived from `base`."""
    base_local = base.partition("@")[0]
    suffix = address.partition("@")[0][len(base_local) :]
    return int(suffix) if suffix.isdigit() else 1
