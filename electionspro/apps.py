from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsproConfig(AppConfig):
    """The portal shell: public pages, error pages, health check, demo seeding."""

    name = "electionspro"
    verbose_name = _("Élections professionnelles")
