from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Elector accounts (and admin staff): login by professional address, audit trail."""

    name = "accounts"
    verbose_name = "Comptes électeurs"
