"""Professions de foi and logos: checked by content, size-limited, served with a safe type.

The file name and the browser's declared type prove nothing: a PDF must start with
`%PDF-` and end with `%%EOF`, a logo must be a PNG or JPEG that Pillow can verify.
The same functions decide which content type the serving view announces.
"""

from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF_MAX_BYTES = 5 * 1024 * 1024
LOGO_MAX_BYTES = 500 * 1024
LOGO_MAX_PIXELS = 2000

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# Active content a profession de foi has no use for (checked in the file's clear text).
PDF_FORBIDDEN = (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/EmbeddedFile")


def _size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    return size


def _read_all(file: IO[bytes]) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def validate_profession_de_foi(file: IO[bytes]) -> None:
    """A PDF of at most 5 MB, without scripts, launch actions or embedded files."""
    if _size(file) > PDF_MAX_BYTES:
        raise ValidationError(
            _("La profession de foi dépasse %(max)s : réduisez le fichier."),
            code="too_large",
            params={"max": filesizeformat(PDF_MAX_BYTES)},
        )
    data = _read_all(file)
    if not data.startswith(PDF_MAGIC) or b"%%EOF" not in data[-2048:]:
        raise ValidationError(
            _("Ce fichier n'est pas un document PDF : la profession de foi doit être un PDF."),
            code="not_pdf",
        )
    if any(marker in data for marker in PDF_FORBIDDEN):
        raise ValidationError(
            _(
                "Ce PDF contient du contenu actif (script, action ou fichier joint) : "
                "déposez un PDF simple."
            ),
            code="active_pdf",
        )


def logo_content_type(head: bytes) -> str | None:
    """The content type of a logo from its first bytes, or None if it is neither PNG nor JPEG."""
    if head.startswith(PNG_MAGIC):
        return "image/png"
    if head.startswith(JPEG_MAGIC):
        return "image/jpeg"
    return None


def validate_logo(file: IO[bytes]) -> None:
    """A PNG or JPEG image of at most 500 KB and 2000 × 2000 pixels, that Pillow verifies."""
    from PIL import Image, UnidentifiedImageError

    if _size(file) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Le logo dépasse %(max)s : réduisez l'image."),
            code="too_large",
            params={"max": filesizeformat(LOGO_MAX_BYTES)},
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    not_image = ValidationError(
        _("Ce fichier n'est pas une image PNG ou JPEG : le logo doit être une image PNG ou JPEG."),
        code="not_image",
    )
    if logo_content_type(head) is None:
        raise not_image
    try:
        with Image.open(file) as image:
            if image.format not in {"PNG", "JPEG"}:
                raise not_image
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_image from None
    finally:
        file.seek(0)
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("Le logo mesure %(width)d × %(height)d pixels : %(max)d × %(max)d au plus."),
            code="too_big",
            params={"width": width, "height": height, "max": LOGO_MAX_PIXELS},
        )


def stored_content_type(head: bytes) -> str | None:
    """What the serving view may announce for a stored file, from its content only."""
    if head.startswith(PDF_MAGIC):
        return "application/pdf"
    return logo_content_type(head)
