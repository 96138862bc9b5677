"""Demo part of the campaign (elector space, voting, the verifiable box)."""

from django.conf import settings
from django.utils import timezone

from ballots.demo_box import DEMO_MANAGE, box_prepare, seed_past_campaign
from ballots.demo_campaign import seed_campaign as seed
from ballots.models import Campaign

DEMO_ELECTORS = ["vdupont", "vdupont2", "jlegall"]


def seed_campaign(*, calendar: str) -> list[str]:
    """The electionspro2014 campaign, its scrutins, rolls, lists and opening mails."""
    return seed(calendar=calendar)


def seed_keys_and_seal(*, calendar: str) -> list[str]:
    """Voting codes (demo-credentials/), the three trustees' keys and passphrases
    (demo-trustees/, any 2 of 3 decrypt), the seal.

    Runs after seed_campaign, which rebuilt the campaign: the previous codes and keys are
    replaced (they belonged to a campaign that no longer exists).
    """
    campaign = Campaign.objects.filter(slug="electionspro2014").first()
    if campaign is None:
        return []
    codes_dir = settings.BASE_DIR / "demo-credentials"
    trustees_dir = settings.BASE_DIR / "demo-trustees"
    codes = box_prepare(
        campaign, at=timezone.now(), credentials_dir=codes_dir, trustees_dir=trustees_dir
    )
    slug = campaign.slug
    lines = [
        f"Notices de vote (PDF, une page par électeur) : {codes_dir.name}/notices/ ; "
        f"codes de vote : {codes_dir.name}/codes-de-vote.csv ; ceux de la démo :",
        *(f"  {who} : {codes[who]}" for who in DEMO_ELECTORS if who in codes),
        f"Scrutateurs : clés et phrases de passe dans {trustees_dir.name}/ (2 sur 3 suffisent).",
        "Dépouillement, après la clôture :",
        f"  {DEMO_MANAGE} tally --campaign {slug}",
        f"  {DEMO_MANAGE} export_archive --campaign {slug} tableau.jsonl",
        *(
            f"  {DEMO_MANAGE} trustee_decrypt --board tableau.jsonl "
            f"--key {trustees_dir.name}/scrutateur-{i}.cle "
            f"--passphrase-file {trustees_dir.name}/scrutateur-{i}.phrase --out partiel-{i}.json"
            for i in (1, 2)
        ),
        f"  {DEMO_MANAGE} tally --campaign {slug} --partial partiel-1.json "
        "--partial partiel-2.json",
        f"  {DEMO_MANAGE} export_archive --campaign {slug} archive.jsonl && "
        f"{DEMO_MANAGE} verify_election archive.jsonl",
    ]
    return lines


def seed_past() -> list[str]:
    """The past campaign electionspro2011, voted, counted, with a board that verifies."""
    return seed_past_campaign()
