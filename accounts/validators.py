"""The elector password policy, as validator classes listed in AUTH_PASSWORD_VALIDATORS."""

from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _enumerate(items: list[str]) -> str:
    """'a', 'a et b', 'a, b et c': the French way of listing what is missing."""
    if len(items) == 1:
        return items[0]
    return _("%(items)s et %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


class MixedCaseAndDigitValidator:
    """At least one upper-case letter, one lower-case letter and one digit (the seed's rule)."""

    def validate(self, password: str, user=None) -> None:
        missing = []
        if not any(char.isupper() for char in password):
            missing.append(_("une majuscule"))
        if not any(char.islower() for char in password):
            missing.append(_("une minuscule"))
        if not any(char.isdigit() for char in password):
            missing.append(_("un chiffre"))
        if missing:
            raise ValidationError(
                _("Le mot de passe doit contenir au moins %(missing)s.")
                % {"missing": _enumerate(missing)},
                code="password_needs_mixed_case_and_digit",
            )

    def get_help_text(self) -> str:
        return _(
            "Votre mot de passe doit contenir au moins 8 caractères, dont au moins une "
            "majuscule, une minuscule et un chiffre."
        )


class NotLikeMyNameValidator(UserAttributeSimilarityValidator):
    """Django's similarity check, with a message that says what is wrong and what to do."""

    def get_error_message(self) -> str:
        return _(
            "Le mot de passe ressemble trop à votre %(verbose_name)s : il reprend une partie "
            "de votre nom, de votre prénom ou de votre adresse. Choisissez un mot de passe qui "
            "ne les contient pas."
        )

    def get_help_text(self) -> str:
        return _("Il ne doit contenir ni votre nom, ni votre prénom, ni votre adresse.")
