"""The spoken alternative of the captcha, in French: the code's letters joined from clips
recorded once (accounts/captcha_audio.py). django-simple-captcha's own audio view drives
flite, which only speaks English and needs a program on the server."""

from captcha.models import CaptchaStore
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..captcha_audio import spoken_code


@never_cache
@require_GET
def captcha_audio(request, key: str) -> HttpResponse:
    store = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now()).first()
    if store is None:
        raise Http404
    response = HttpResponse(spoken_code(store.challenge), content_type="audio/wav")
    response["Content-Disposition"] = 'inline; filename="code-de-securite.wav"'
    return response
