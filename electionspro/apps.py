from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsproConfig(AppConfig):
    """The project: settings, root URLs, WSGI/ASGI and the `seed_demo` command."""

    name = "electionspro"
    verbose_name = _("Élections professionnelles")
