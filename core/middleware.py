"""French by default: the language changes only when the person picks it in the menu."""

from django.conf import settings
from django.utils import translation


class CookieLocaleMiddleware:
    """Like LocaleMiddleware, but ignores Accept-Language: the portal is French unless
    the language menu (Django's set_language view, which sets the cookie) says otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The worker thread goes back to French, so that whatever runs outside this
            # middleware (e.g. the load-shedding 503 page) never inherits the last request's choice.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
