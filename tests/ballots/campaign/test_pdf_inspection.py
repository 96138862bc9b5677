"""Professions de foi are read by pypdf, as a viewer reads them: active content is refused
wherever it hides (compressed object streams, name escapes), and disguised files too.

Each hostile sample is built here with pypdf from the same clean page."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from ballots.demo_campaign import minimal_pdf
from ballots.models import CandidateList
from ballots.uploads import validate_profession_de_foi

from .conftest import paris

CLEAN = minimal_pdf(["Profession de foi", "Nos engagements"])
SCRIPT = "app.alert('bonjour')"


def build(change=None) -> bytes:
    """The clean page rewritten by pypdf, after `change(writer)` (public API only)."""
    writer = PdfWriter(clone_from=io.BytesIO(CLEAN))
    if change is not None:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def open_action_javascript(writer: PdfWriter) -> None:
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(SCRIPT)}
    )


def embedded_file(writer: PdfWriter) -> None:
    writer.add_attachment("programme.exe", b"MZ\x90\x00")


def launch_action(writer: PdfWriter) -> None:
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("C:\\Windows\\System32\\calc.exe"),
        }
    )


def additional_action(writer: PdfWriter) -> None:
    """An /AA on the page (run when it opens): a named action, not even a script."""
    go = DictionaryObject(
        {NameObject("/S"): NameObject("/Named"), NameObject("/N"): NameObject("/Print")}
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): go})


def packed(*, page_extra: bytes = b"", more: tuple[bytes, ...] = ()) -> bytes:
    """The clean page as PDF 1.5 with every object but its content in a compressed object
    stream and a compressed cross-reference stream (pypdf reads them but does not write
    them): nothing of the packed objects is visible to a byte scan. `more` are objects
    7, 8, ... packed with them; `page_extra` goes in the page dictionary."""
    content = b"BT /F1 18 Tf 72 770 Td (Profession de foi) Tj ET"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R " + page_extra + b">>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        **{7 + index: body for index, body in enumerate(more)},
    }
    stream_number, xref_number = 6, 7 + len(more)
    header, bodies = [], b""
    for number, body in objects.items():
        header.append(b"%d %d" % (number, len(bodies)))
        bodies += body + b"\n"
    first = b" ".join(header) + b"\n"
    object_stream = zlib.compress(first + bodies)
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {4: out.tell()}
    out.write(
        b"4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(content), content)
    )
    offsets[stream_number] = out.tell()
    out.write(
        b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
        % (stream_number, len(objects), len(first), len(object_stream))
        + b"stream\n"
        + object_stream
        + b"\nendstream\nendobj\n"
    )
    offsets[xref_number] = out.tell()
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for number in range(1, xref_number + 1):
        if number in offsets:
            rows.append(struct.pack(">BIH", 1, offsets[number], 0))
        else:
            rows.append(struct.pack(">BIH", 2, stream_number, list(objects).index(number)))
    xref = zlib.compress(b"".join(rows))
    out.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n"
        % (xref_number, xref_number + 1, len(xref))
        + xref
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    )
    return out.getvalue()


# `/J#61vaScript` (#61 is `a`) and `/J#53` (`/JS`): a link whose action runs a script.
ESCAPED_LINK = (
    b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A 8 0 R >>",
    b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
)


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("profession-de-foi.pdf", data, content_type="application/pdf")


def test_clean_pdfs_pass_plain_rewritten_or_packed_in_object_streams():
    for data in (CLEAN, build(), packed()):
        validate_profession_de_foi(upload(data))


def test_the_escaped_name_sample_really_hides_from_a_byte_scan_but_not_from_pypdf():
    data = packed(page_extra=b"/Annots [7 0 R]", more=ESCAPED_LINK)
    assert not re.search(rb"JavaScript|J#61|/Annot|/JS", data)
    action = PdfReader(io.BytesIO(data)).pages[0]["/Annots"][0].get_object()["/A"]
    assert action["/S"] == "/JavaScript"


@pytest.mark.parametrize(
    ("data", "found"),
    [
        pytest.param(build(open_action_javascript), "OpenAction|JavaScript|JS", id="openaction-js"),
        pytest.param(
            packed(page_extra=b"/Annots [7 0 R]", more=ESCAPED_LINK),
            "JavaScript|JS",
            id="escaped-name-in-object-stream",
        ),
        pytest.param(build(embedded_file), "EmbeddedFiles?", id="embedded-file"),
        pytest.param(build(launch_action), "OpenAction|Launch", id="launch"),
        pytest.param(build(additional_action), "AA", id="additional-action"),
        pytest.param(
            packed(page_extra=b"/AA << /O << /S /Named /N /Print >> >>"),
            "AA",
            id="additional-action-in-object-stream",
        ),
    ],
)
def test_a_pdf_with_active_content_is_refused_in_french(data, found):
    with pytest.raises(ValidationError) as refused:
        validate_profession_de_foi(upload(data))
    message = refused.value.messages[0]
    assert "contient du contenu actif" in message
    assert re.search(rf"\((?:{found}) :", message), message


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"<!DOCTYPE html><html><script>alert(1)</script></html>\n%%EOF\n", id="html"),
        pytest.param(
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>\n%%EOF\n', id="svg"
        ),
        pytest.param(
            b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n",
            id="html-behind-a-pdf-header",
        ),
    ],
)
def test_html_or_svg_renamed_pdf_is_refused(data):
    with pytest.raises(ValidationError, match="n'est pas un document PDF"):
        validate_profession_de_foi(upload(data))


def test_the_admin_upload_form_refuses_a_hidden_script_in_french(
    directory, make_scrutin, make_list, make_user, client, clock
):
    clock.set(paris(2014, 10, 1))
    candidate_list = make_list(make_scrutin("CTA-GRE"), 1, "SNES-FSU")
    client.force_login(make_user(None, is_staff=True, is_superuser=True))
    response = client.post(
        f"/admin/ballots/candidatelist/{candidate_list.pk}/change/",
        {
            "scrutin": candidate_list.scrutin_id,
            "position": 1,
            "organisation": "SNES",
            "acronym": "SNES-FSU",
            "profession_de_foi": upload(packed(page_extra=b"/Annots [7 0 R]", more=ESCAPED_LINK)),
            "candidates-TOTAL_FORMS": 0,
            "candidates-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "contient du contenu actif" in response.content.decode()
    assert not CandidateList.objects.get(pk=candidate_list.pk).profession_de_foi
