import string

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class CharacterClassValidator:
    """Needs characters from at least `min_classes` of: lower case, upper case, digits, symbols
    (any non-ASCII letter, e.g. Chinese, counts as a symbol)."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: object = None) -> None:
        classes = [
            any(c in string.ascii_lowercase for c in password),
            any(c in string.ascii_uppercase for c in password),
            any(c in string.digits for c in password),
            any(not (c.isascii() and c.isalnum()) for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(count)d kind of character: "
            "lower case, upper case, digits and symbols.",
            "Your password must mix at least %(count)d kinds of character: "
            "lower case, upper case, digits and symbols.",
            self.min_classes,
        ) % {"count": self.min_classes}
