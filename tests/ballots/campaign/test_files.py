"""Professions de foi and logos: checked by content and size, served safely and when published."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ballots.demo_campaign import minimal_pdf
from ballots.models import CandidateList
from ballots.services.documents import candidate_list_attach
from ballots.uploads import validate_logo, validate_profession_de_foi

from .conftest import paris

PDF = minimal_pdf(["Profession de foi", "Texte"])


def png(size=(40, 20), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 0, 145)).save(out, format=fmt)
    return out.getvalue()


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_real_pdf_is_accepted():
    validate_profession_de_foi(upload(PDF, "pf.pdf"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><script>alert(1)</script></html>", "n'est pas un document PDF"),
        (png(), "n'est pas un document PDF"),
        (b"%PDF-1.4\n" + b"x" * 100, "n'est pas un document PDF"),  # truncated: no %%EOF
        (
            PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript >>"),
            "contenu actif",
        ),
        (b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n", "dépasse 5,0"),
    ],
)
def test_a_file_that_is_not_a_plain_pdf_is_refused_whatever_its_name(data, reason):
    with pytest.raises(ValidationError, match=reason):
        validate_profession_de_foi(upload(data, "profession-de-foi.pdf"))


def test_png_and_jpeg_logos_are_accepted():
    validate_logo(upload(png(), "logo.png"))
    validate_logo(upload(png(fmt="JPEG"), "logo.jpg"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (PDF, "n'est pas une image PNG ou JPEG"),
        (png(fmt="GIF"), "n'est pas une image PNG ou JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "n'est pas une image PNG ou JPEG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "n'est pas une image"),
        (png(size=(2500, 10)), "2000 × 2000"),
    ],
)
def test_a_logo_that_is_not_a_png_or_jpeg_image_is_refused(data, reason):
    with pytest.raises(ValidationError, match=reason):
        validate_logo(upload(data, "logo.png"))


@pytest.fixture
def published(directory, make_scrutin, make_list, enrol, make_user, client):
    scrutin = make_scrutin("CTA-GRE")
    candidate_list = make_list(scrutin, 1, "SNES-FSU")
    candidate_list_attach(candidate_list=candidate_list, profession_de_foi=PDF, logo=png())
    enrol(directory["vincent"], scrutin)
    client.force_login(make_user(directory["vincent"]))
    return candidate_list


PDF_URL = "/electeur/scrutins/CTA-GRE/listes/1/profession-de-foi/"
LOGO_URL = "/electeur/scrutins/CTA-GRE/listes/1/logo/"


def test_the_profession_de_foi_is_served_as_a_pdf_download_with_a_safe_name(
    published, client, clock
):
    clock.set(paris(2014, 10, 28))
    client.force_login(published.scrutin.roll.get().agent.account)
    response = client.get(PDF_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="profession-de-foi-cta-gre-snes-fsu.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    # Rendered in place anyway, it would run in an opaque origin without scripts or loads.
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PDF


def test_the_logo_is_served_inline_as_the_image_type_of_its_bytes(published, client, clock):
    clock.set(paris(2014, 11, 1))
    client.force_login(published.scrutin.roll.get().agent.account)
    response = client.get(LOGO_URL)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_are_not_served_before_candidacies_are_published(published, client, clock):
    clock.set(paris(2014, 10, 27, 23, 59, 59))
    client.force_login(published.scrutin.roll.get().agent.account)
    assert client.get(PDF_URL).status_code == 404
    assert client.get(LOGO_URL).status_code == 404


def test_documents_of_a_scrutin_i_am_not_on_are_not_found(
    published, client, clock, directory, make_user
):
    clock.set(paris(2014, 11, 1))
    client.force_login(make_user(directory["jf"]))
    assert client.get(PDF_URL).status_code == 404


def test_documents_require_login(published, client):
    client.logout()
    assert client.get(PDF_URL).status_code == 302


def test_the_admin_refuses_an_upload_that_is_not_a_pdf(published, client, make_user, clock):
    clock.set(paris(2014, 10, 1))
    client.force_login(make_user(None, is_staff=True, is_superuser=True))
    url = f"/admin/ballots/candidatelist/{published.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    before = CandidateList.objects.get(pk=published.pk).profession_de_foi.name
    response = client.post(
        url,
        {
            "scrutin": published.scrutin_id,
            "position": 1,
            "organisation": "SNES",
            "acronym": "SNES-FSU",
            "profession_de_foi": SimpleUploadedFile("pf.pdf", b"MZ\x90\x00 not a pdf"),
            "candidates-TOTAL_FORMS": 0,
            "candidates-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "n&#x27;est pas un document PDF" in response.content.decode()
    assert CandidateList.objects.get(pk=published.pk).profession_de_foi.name == before
