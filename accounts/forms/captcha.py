"""django-simple-captcha with a French accessible label, a refresh link that works
without JavaScript and a spoken alternative (accounts/views/captcha.py)."""

from captcha.fields import CaptchaField, CaptchaTextInput
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AccessibleCaptchaWidget(CaptchaTextInput):
    template_name = "accounts/widgets/captcha.html"

    def audio_url(self) -> str:
        return reverse("accounts:captcha_audio", args=[self._key])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # A MultiWidget gets no aria-describedby from Django: give it to the answer input.
        base_id = context["widget"]["attrs"].get("id", "")
        answer = context["widget"]["subwidgets"][1]["attrs"]
        described_by = [f"{base_id}_helptext"]
        if answer.get("aria-invalid"):
            described_by.append(f"{base_id}_error")
        answer["aria-describedby"] = " ".join(described_by)
        context["PORTAL"] = settings.PORTAL
        return context


class AccessibleCaptchaField(CaptchaField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Recopiez le code de sécurité"))
        kwargs.setdefault(
            "help_text",
            _(
                "Les lettres affichées dans l'image ci-dessous, ou lues par l'alternative sonore. "
                "Majuscules ou minuscules, peu importe."
            ),
        )
        kwargs.setdefault("widget", AccessibleCaptchaWidget())
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Recopiez les lettres de l'image ou de l'alternative sonore."),
                "incomplete": _("Recopiez les lettres de l'image ou de l'alternative sonore."),
                "invalid": _(
                    "Le code de sécurité recopié ne correspond pas. "
                    "Un nouveau code vous est proposé : recopiez-le."
                ),
            },
        )
        super().__init__(**kwargs)
