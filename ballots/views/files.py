"""Professions de foi and logos, served by a view (never straight from MEDIA_URL).

The content type comes from the bytes (ballots.uploads), the name is built by us,
and `nosniff` stops a browser from guessing otherwise. A PDF comes as a download with
`Content-Security-Policy: sandbox`: should a browser render it in place anyway, it runs
in an opaque origin, without scripts or forms, and loads nothing. Electors see the files
of their scrutins once candidacies are published; admins see them at any time.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.text import slugify
from django.views.decorators.csp import csp_override

from ballots.models import CandidateList
from ballots.selectors import ScrutinAmbiguous, my_scrutin
from ballots.uploads import stored_content_type


def _candidate_list(request: HttpRequest, code: str, position: int) -> CandidateList:
    user = request.user
    if user.is_staff and user.agent_id is None:
        # Admins may name the campaign (the admin's links do); else the latest one.
        lists = CandidateList.objects.filter(scrutin__code=code, position=position)
        if request.GET.get("campagne"):
            lists = lists.filter(scrutin__campaign__slug=request.GET["campagne"])
        found = (
            lists.select_related("scrutin")
            .order_by("-scrutin__campaign__voting_opens", "scrutin__campaign__slug")
            .first()
        )
    else:
        try:
            card = my_scrutin(
                agent=user.agent_id,
                code=code,
                at=timezone.now(),
                campaign=request.GET.get("campagne", ""),
            )
        except ScrutinAmbiguous:
            raise Http404("campaign not named") from None
        if card is None or not card.candidacies_available:
            raise Http404("not published or not my scrutin")
        found = next((item for item in card.lists if item.position == position), None)
    if found is None:
        raise Http404("no such list")
    return found


def _serve(file_field, *, allowed: set[str], filename: str, as_attachment: bool) -> FileResponse:
    if not file_field:
        raise Http404("no file")
    try:
        handle = file_field.storage.open(file_field.name, "rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    content_type = stored_content_type(handle.read(8))
    handle.seek(0)
    if content_type not in allowed:
        handle.close()
        raise Http404("unexpected content")
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[content_type]
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=as_attachment,
        filename=f"{filename}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# No script, form, plugin or request of any kind in what the browser shows of a PDF.
PDF_POLICY = {"default-src": [CSP.NONE], "sandbox": True}


@login_required
@csp_override(PDF_POLICY)
def profession_de_foi(request: HttpRequest, code: str, position: int) -> FileResponse:
    candidate_list = _candidate_list(request, code, position)
    name = slugify(f"profession-de-foi-{candidate_list.scrutin.code}-{candidate_list.acronym}")
    return _serve(
        candidate_list.profession_de_foi,
        allowed={"application/pdf"},
        filename=name,
        as_attachment=True,
    )


@login_required
def logo(request: HttpRequest, code: str, position: int) -> FileResponse:
    candidate_list = _candidate_list(request, code, position)
    name = slugify(f"logo-{candidate_list.scrutin.code}-{candidate_list.acronym}")
    return _serve(
        candidate_list.logo, allowed={"image/png", "image/jpeg"}, filename=name, as_attachment=False
    )
