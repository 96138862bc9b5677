from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebmailAuthConfig(AppConfig):
    """The academic directory (académies, agents) and the academic webmail."""

    name = "webmail_auth"
    verbose_name = _("Annuaire et messagerie académiques")
