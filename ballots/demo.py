"""Demo part of the campaign (issues: elector space, voting)."""


def seed_campaign(*, calendar: str) -> list[str]:
    """The electionspro2014 campaign, its scrutins, rolls, lists and opening mails."""
    return []


def seed_keys_and_seal(*, calendar: str) -> list[str]:
    """Key ceremony with demo shares written to a folder, then sealing."""
    return []
