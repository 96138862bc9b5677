"""The spoken alternative of the captcha, in French (espeak-ng).

django-simple-captcha's own audio view drives flite, which only speaks English;
this one reads the same challenge with espeak-ng's French voice. Without the
program the signup page offers no audio link, only the guichet unique.
"""

import subprocess
import tempfile
from pathlib import Path

from captcha.models import CaptchaStore
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..forms.captcha import speech_binary


@never_cache
@require_GET
def captcha_audio(request, key: str) -> HttpResponse:
    binary = speech_binary()
    store = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now()).first()
    if binary is None or store is None:
        raise Http404
    # Letters one by one, with pauses, twice.
    spelled = ", ".join(store.challenge.upper())
    text = f"{spelled}. . {spelled}."
    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / "code.wav"
        try:
            subprocess.run(  # noqa: S603 - fixed program, text passed as one argument
                [binary, "-v", "fr", "-s", "110", "-w", str(wav), text],
                check=True,
                capture_output=True,
                timeout=10,
            )
            audio = wav.read_bytes()
        except (OSError, subprocess.SubprocessError):
            raise Http404 from None
    response = HttpResponse(audio, content_type="audio/wav")
    response["Content-Disposition"] = 'inline; filename="code-de-securite.wav"'
    return response
