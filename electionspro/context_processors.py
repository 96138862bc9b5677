from django.conf import settings


def portal(request) -> dict:
    """The portal's identity and contacts, for the page shell."""
    return {"PORTAL": settings.PORTAL}
