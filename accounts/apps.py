from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Elector accounts (and admin staff): login by professional address, audit trail."""

    name = "accounts"
    verbose_name = _("Comptes électeurs")
