"""The mails of the elector account flows. They go through Django's mail API,
so academic addresses land in the webmail (webmail_auth.mail)."""

from contextlib import nullcontext
from datetime import datetime

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.mails import compose_mail, current_mail_tag

from .models import User
from .tokens import confirmation_token, link_lifetime


def _compose(*, to: str, subject: str, template: str, context: dict, at: datetime) -> EmailMessage:
    return compose_mail(
        to=to, subject=subject, template=template, context=context, tag=current_mail_tag(at=at)
    )


def _send(**kwargs) -> None:
    _compose(**kwargs).send()


def in_language_of(user: User):
    """The elector's chosen language for what follows (their mails), else the current one."""
    return translation.override(user.language) if user.language else nullcontext()


def _links(request: HttpRequest) -> dict:
    return {
        "login_url": request.build_absolute_uri(reverse("accounts:login")),
        "reset_url": request.build_absolute_uri(reverse("accounts:password_reset")),
        "resend_url": request.build_absolute_uri(reverse("accounts:resend_confirmation")),
    }


def send_confirmation_mail(*, user: User, request: HttpRequest, at: datetime) -> None:
    token = confirmation_token(user, at=at)
    confirm_url = request.build_absolute_uri(reverse("accounts:confirm", args=[token]))
    with in_language_of(user):
        _send(
            to=user.email,
            subject=_("Confirmez la création de votre compte électeur"),
            template="accounts/mail/confirmation.txt",
            context={
                "user": user,
                "confirm_url": confirm_url,
                "lifetime": link_lifetime(),
                **_links(request),
            },
            at=at,
        )


def _existing_account_mail(*, user: User, request: HttpRequest, at: datetime) -> EmailMessage:
    with in_language_of(user):
        return _compose(
            to=user.email,
            subject=_("Vous avez déjà un compte électeur"),
            template="accounts/mail/existing_account.txt",
            context={"user": user, **_links(request)},
            at=at,
        )


def send_existing_account_mail(*, user: User, request: HttpRequest, at: datetime) -> None:
    _existing_account_mail(user=user, request=request, at=at).send()


def compose_unsent_mail(*, email: str, request: HttpRequest, at: datetime) -> None:
    """Do the work of a sign-up mail and send nothing (an address outside the directory).

    The other sign-up branches compose and store a mail: doing the same work here
    keeps the answer's timing from telling a directory address from another.
    """
    _existing_account_mail(user=User(email=email), request=request, at=at)


def send_password_reset_mail(*, user: User, request: HttpRequest, at: datetime) -> None:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    reset_confirm_url = request.build_absolute_uri(
        reverse("accounts:password_reset_confirm", args=[uidb64, token])
    )
    with in_language_of(user):
        _send(
            to=user.email,
            subject=_("Réinitialisation du mot de passe de votre compte électeur"),
            template="accounts/mail/password_reset.txt",
            context={
                "user": user,
                "reset_confirm_url": reset_confirm_url,
                "lifetime": link_lifetime(),
                **_links(request),
            },
            at=at,
        )
