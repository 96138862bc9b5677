from django.apps import AppConfig


class ElectionsproConfig(AppConfig):
    """The portal shell: public pages, error pages, health check, demo seeding."""

    name = "electionspro"
    verbose_name = "Élections professionnelles"
