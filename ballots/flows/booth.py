"""The vote URL's answer to the booth: JSON instead of a page.

The booth posts each ballot with `fetch` and `Accept: application/json`, so that an
error leaves the elector on the booth with every choice kept. The answer is the
receipt (tracking number, board head, time) or the French refusal and its code.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ballots.flows.voting import Step


def booth_wants_json(request: HttpRequest) -> bool:
    """A ballot posted by the booth (`ballot` field, JSON asked)."""
    return (
        request.method == "POST"
        and "ballot" in request.POST
        and "application/json" in request.headers.get("Accept", "")
    )


def booth_answer(step: Step) -> JsonResponse:
    """The receipt or the refusal of a step, as JSON (never the choice)."""
    receipt = step.context.get("receipt")
    if receipt is not None:
        return JsonResponse(
            {
                "ok": True,
                "scrutin": receipt.scrutin.code,
                "tracking_number": receipt.tracker,
                "head": receipt.head,
                "voted_at": date_format(timezone.localtime(receipt.voted_at), _("l j F Y à H:i:s")),
            }
        )
    refusal = step.context.get("refusal")
    return JsonResponse(
        {
            "ok": False,
            "code": getattr(refusal, "code", "refused"),
            "reason": getattr(refusal, "reason", ""),
            "message": str(refusal) if refusal is not None else "",
        },
        status=step.status if step.status >= 400 else 400,
    )
