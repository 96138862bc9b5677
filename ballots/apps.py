from django.apps import AppConfig


class BallotsConfig(AppConfig):
    """Campaigns, scrutins, rolls, candidacies, the vote, the count and the results."""

    name = "ballots"
    verbose_name = "Scrutins et vote"
