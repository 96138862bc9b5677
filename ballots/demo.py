"""Demo part of the campaign (elector space, voting)."""

from django.conf import settings
from django.utils import timezone

from ballots.models import Campaign
from ballots.services.keys import keys_generate
from ballots.services.sealing import campaign_seal

from .demo_campaign import seed_campaign as seed


def seed_campaign(*, calendar: str) -> list[str]:
    """The electionspro2014 campaign, its scrutins, rolls, lists and opening mails."""
    return seed(calendar=calendar)


def seed_keys_and_seal(*, calendar: str) -> list[str]:
    """Key ceremony with demo shares written to demo-shares/ (3 trustees, any 2), then sealing.

    Runs after seed_campaign, which rebuilt the campaign: the previous demo shares are
    replaced (they opened a key that no longer exists).
    """
    campaign = Campaign.objects.filter(slug="electionspro2014").first()
    if campaign is None:
        return []
    folder = settings.BASE_DIR / "demo-shares"
    now = timezone.now()
    ceremony = keys_generate(
        campaign=campaign, trustees=3, threshold=2, out_dir=folder, at=now, force=True
    )
    seal = campaign_seal(campaign=campaign, at=now)
    first, second = (path.relative_to(settings.BASE_DIR) for path in ceremony.files[:2])
    when = "" if calendar == "2014" else " (après la clôture du vote de démonstration)"
    return [
        f"Clés de démonstration : 3 parts dans {folder}/ (2 suffisent) ; campagne scellée, "
        f"empreinte {seal.fingerprint[:16]}…",
        f"Dépouillement{when} : python manage.py tally --campaign electionspro2014 "
        f"--share {first} --share {second}",
    ]
