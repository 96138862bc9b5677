"""Reads of the academic directory for views."""

from django.db.models import Q, QuerySet

from .models import Academie


def academies_with_assistance() -> QuerySet[Academie]:
    """Académies that publish an assistance contact, for the help pages."""
    return Academie.objects.filter(~Q(assistance_phone="") | ~Q(assistance_email="")).order_by("name")
