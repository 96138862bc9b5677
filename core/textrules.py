"""One rule for every text that comes from outside: form fields, imported CSV cells.

A bounded length, and no control character: NUL, the C0 and C1 controls, DEL and
U+FFFD (what an invalid UTF-8 byte decodes to). Only a multi-line field (a textarea)
keeps tab, CR and LF. Such characters have no place in a name, an address or a
password, break the database (PostgreSQL refuses NUL), mail headers and CSV exports,
and are invisible on screen: refused with a French message, never stored.
The audit trail keeps what was typed, escaped and cut (`for_audit`).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_LENGTH = 254  # an address, a name, an identifier
PASSWORD_MAX_LENGTH = 128  # far above any passphrase, far below a hashing DoS
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd]")
CONTROL_BUT_NEWLINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


def control_character(value: str, *, multiline: bool = False) -> int | None:
    """The position (from 1) of the first forbidden character of `value`, or None."""
    found = (CONTROL_BUT_NEWLINES if multiline else CONTROL).search(value)
    return None if found is None else found.start() + 1


@deconstructible
class NoControlCharacterValidator:
    """Refuses control characters (tab, CR and LF allowed when `multiline`)."""

    message = _(
        "Ce texte contient un caractère invisible ou invalide (position %(position)d) : "
        "saisissez-le de nouveau au clavier, sans copier-coller."
    )
    code = "control_character"

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value) -> None:
        position = control_character(str(value), multiline=self.multiline)
        if position is not None:
            raise ValidationError(self.message, code=self.code, params={"position": position})

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlCharacterValidator) and other.multiline == self.multiline


def bound_text_field(field: forms.Field) -> None:
    """Give a text field (or each text part of a multi-value field) a maximum length and
    the control-character check; choice fields only accept their choices already."""
    if isinstance(field, forms.MultiValueField):
        for part in field.fields:
            bound_text_field(part)
        return
    if not isinstance(field, forms.CharField):
        return
    if field.max_length is None:
        is_password = isinstance(field.widget, forms.PasswordInput)
        field.max_length = PASSWORD_MAX_LENGTH if is_password else DEFAULT_MAX_LENGTH
    # A limit set after the field was built (AuthenticationForm's) has no validator yet.
    if not any(isinstance(validator, MaxLengthValidator) for validator in field.validators):
        field.validators.append(
            MaxLengthValidator(
                field.max_length,
                message=_("%(limit_value)d caractères au plus (%(show_value)d saisis)."),
            )
        )
        field.widget.attrs.setdefault("maxlength", str(field.max_length))
    multiline = isinstance(field.widget, forms.Textarea)
    checker = NoControlCharacterValidator(multiline=multiline)
    if checker not in field.validators:
        field.validators.append(checker)


class BoundedTextMixin:
    """For every form of the portal: each text field bounded and free of control characters.

    Put it first in the bases; it works on the fields the form has after its own __init__.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            bound_text_field(field)


def for_audit(value: str, limit: int) -> str:
    """`value` as the audit trail may keep it: control characters escaped (`\\x00`),
    then cut to `limit` characters (marked with `…`)."""
    escaped = CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode(), value)
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"
