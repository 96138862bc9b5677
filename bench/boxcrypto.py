"""Encrypting a synthetic box in worker processes (no Django here: spawn-safe and cheap)."""

from ballots import crypto


def encrypt_batch(public_key: bytes, items: list[tuple[str, str]]) -> list[tuple[bytes, str]]:
    """(scrutin code, choice) -> (sealed-box ciphertext, tracker), as vote_cast makes them."""
    out = []
    for code, choice in items:
        ciphertext = crypto.encrypt_choice(public_key=public_key, scrutin_code=code, choice=choice)
        out.append((ciphertext, crypto.tracker_for(ciphertext)))
    return out
