from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BallotsConfig(AppConfig):
    """Campaigns, scrutins, rolls, candidacies, the vote, the count and the results."""

    name = "ballots"
    verbose_name = _("Scrutins et vote")
