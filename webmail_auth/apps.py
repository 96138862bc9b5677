from django.apps import AppConfig


class WebmailAuthConfig(AppConfig):
    """The academic directory (académies, agents) and the academic webmail."""

    name = "webmail_auth"
    verbose_name = "Annuaire et messagerie académiques"
