"""Professions de foi and logos: checked by content, size-limited, served with a safe type.

The file name and the browser's declared type prove nothing: a PDF must start with
`%PDF-`, end with `%%EOF` and be read by pypdf, which decodes compressed object
streams and name escapes (`/J#61vaScript` is `/JavaScript`), so every object of the
file is seen as a viewer sees it; a logo must be a PNG or JPEG that Pillow can verify.
The same functions decide which content type the serving view announces.
"""

import io
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

PDF_MAX_BYTES = 5 * 1024 * 1024
LOGO_MAX_BYTES = 500 * 1024
LOGO_MAX_PIXELS = 2000

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# Names of active content a profession de foi has no use for, as keys or values of any
# object: scripts, actions run on opening or on an event, launched programs, attached
# files, forms that submit or run scripts, embedded media.
PDF_FORBIDDEN_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/FileAttachment",
        "/XFA",
        "/SubmitForm",
        "/ImportData",
        "/RichMedia",
        "/GoToE",
    }
)
# Errors pypdf may raise on a damaged or hostile file (it does not wrap them all).
PDF_PARSE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError)
PDF_PARSE_ERRORS += (RecursionError, OSError, AssertionError, ZeroDivisionError)


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
    not_pdf = ValidationError(
        _("Ce fichier n'est pas un document PDF : la profession de foi doit être un PDF."),
        code="not_pdf",
    )
    if not data.startswith(PDF_MAGIC) or b"%%EOF" not in data[-2048:]:
        raise not_pdf  # HTML, SVG or an image renamed .pdf stops here
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("Ce PDF est chiffré ou protégé : déposez-le sans protection."),
                code="encrypted_pdf",
            )
        found = _active_content(reader)
        pages = len(reader.pages)
    except PDF_PARSE_ERRORS:
        raise not_pdf from None
    if found:
        raise ValidationError(
            _(
                "Ce PDF contient du contenu actif (%(found)s : script, action automatique, "
                "programme lancé, formulaire ou fichier joint) : déposez un PDF simple, par "
                "exemple imprimé en PDF depuis votre traitement de texte."
            ),
            code="active_pdf",
            params={"found": found.lstrip("/")},
        )
    if pages < 1:
        raise not_pdf


def _active_content(reader: PdfReader) -> str | None:
    """The first forbidden name in any object of the file, reachable or not, else None."""
    pending: list[PdfObject] = [reader.trailer]
    # Objects no reference reaches are checked too: a viewer repairing the file may find them.
    for generation, numbers in reader.xref.items():
        pending += [IndirectObject(number, generation, reader) for number in numbers]
    pending += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen: set[tuple[int, int]] = set()
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, NameObject) and item in PDF_FORBIDDEN_NAMES:
            return str(item)
        if isinstance(item, DictionaryObject):  # streams too: their dictionary
            for key, value in item.items():
                if key in PDF_FORBIDDEN_NAMES:
                    return str(key)
                pending.append(value)
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return None


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
