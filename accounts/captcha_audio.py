"""The captcha's spoken alternative, in French, without any program on the server.

Each letter the captcha can draw has a short clip recorded once (scripts/make-captcha-clips,
with espeak-ng's French voice) and kept in accounts/captcha_clips/; a request joins the
clips of its code in Python (the stdlib's `wave`). The code uses only letters that neither
look alike in the image nor sound alike when spelled in French (no B/D/P/T/V, G/J, M/N…).
"""

import secrets
import wave
from functools import cache
from io import BytesIO
from pathlib import Path

CLIPS = Path(__file__).resolve().parent / "captcha_clips"
ALPHABET = "ACFHJKLMQRUXYZ"
PHRASES = {"intro": "Code de sécurité :", "repeat": "Je répète :"}
PAUSE_SECONDS = 0.45


def challenge() -> tuple[str, str]:
    """CAPTCHA_CHALLENGE_FUNCT: (what the image shows, the expected answer)."""
    from django.conf import settings

    code = "".join(secrets.choice(ALPHABET) for _ in range(settings.CAPTCHA_LENGTH))
    return code, code.lower()


@cache
def _clip(name: str) -> tuple:
    with wave.open(str(CLIPS / f"{name}.wav")) as clip:
        return clip.getparams(), clip.readframes(clip.getnframes())


def spoken_code(code: str) -> bytes:
    """A WAV file spelling `code` twice, letter by letter, with pauses (`_clip`: the
    clip's wave parameters and frames)."""
    params, _frames = _clip("intro")
    pause = b"\0" * (int(params.framerate * PAUSE_SECONDS) * params.sampwidth)
    letters = [_clip(letter)[1] + pause for letter in code.upper()]
    parts = [_clip("intro")[1], pause, *letters, pause, _clip("repeat")[1], pause, *letters]
    out = BytesIO()
    with wave.open(out, "wb") as joined:
        joined.setparams(params)
        joined.writeframes(b"".join(parts))
    return out.getvalue()
