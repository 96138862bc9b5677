from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared bottom layer (audit trail, CSV imports, Paris time, mail composition)."""

    name = "core"
    label = "core"
    verbose_name = _("Journal et outils communs")

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the startup checks)
