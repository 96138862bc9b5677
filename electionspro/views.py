"""Public pages of the portal, error pages and the health check."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.generic import TemplateView

from ballots.selectors import public_calendar

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calendar"] = public_calendar(at=timezone.now())
        return context


class FaqView(TemplateView):
    template_name = "pages/faq.html"


class AssistanceView(TemplateView):
    template_name = "pages/assistance.html"

    def get_context_data(self, **kwargs):
        from webmail_auth.selectors import academies_with_assistance

        context = super().get_context_data(**kwargs)
        context["academies"] = academies_with_assistance()
        return context


class AccessibilityView(TemplateView):
    template_name = "pages/accessibility.html"


def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the app and its database answer, 503 otherwise (never a traceback)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("healthz: database unavailable: %s", error.__class__.__name__)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request context: it must work with the database down."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"PORTAL": settings.PORTAL}), status=500)
