import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from aiplus.accounts.validators import CharacterClassValidator


@pytest.mark.parametrize(
    "password",
    [
        "short1A!",  # too short
        "alllowercaseletters",  # one kind of character
        "lowercaseand12345678",  # two kinds
        "123456789012345",  # numeric
        "password12345",  # common
    ],
)
def test_weak_passwords_are_refused(password, db):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password", ["Harbour-Lights-2026", "維港夜景harbour2026", "Tram ride 8 stops"]
)
def test_strong_passwords_are_accepted(password, db):
    validate_password(password)


def test_character_class_validator_counts_kinds():
    validator = CharacterClassValidator(min_classes=3)
    validator.validate("abcDEF123")
    with pytest.raises(ValidationError, match="at least 3 kinds"):
        validator.validate("abcdef123")
