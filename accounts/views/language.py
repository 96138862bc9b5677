"""The language menu: Django's set_language, and a logged-in elector's choice is kept on the
account so that the mails sent to them later speak it too."""

from django.conf import settings
from django.views.i18n import set_language as django_set_language

from .. import services


def set_language(request):
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        services.language_remember(user=request.user, language=language)
    return response
