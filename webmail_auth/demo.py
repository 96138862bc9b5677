"""Demo part of the academic directory (issue: webmail)."""


def seed_directory() -> list[str]:
    """Académie de Grenoble, the agents of CONTRACT.md section 6 and the sample file."""
    return []
