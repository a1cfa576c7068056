"""Bilingual content fields. A translatable field `x` is stored as `x` (English), `x_zh_hant`
(Traditional Chinese) and optionally `x_zh_hans` (Simplified Chinese written by an editor).
Simplified Chinese falls back to Traditional converted with OpenCC, as GovHK sites do; a missing
translation falls back to the other language and says so, so readers are never shown nothing."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language

ENGLISH = "en"
TRADITIONAL = "zh-hant"
SIMPLIFIED = "zh-hans"

# BCP 47 tags for the HTML lang attribute, so screen readers pick the right voice.
HTML_LANG = {ENGLISH: "en", TRADITIONAL: "zh-Hant-HK", SIMPLIFIED: "zh-Hans"}


@lru_cache(maxsize=1)
def _opencc() -> Any:
    import opencc

    return opencc.OpenCC("hk2s")


@lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    """Traditional (Hong Kong) to Simplified Chinese; ASCII text and markup pass through."""
    if not text:
        return text
    return str(_opencc().convert(text))


@lru_cache(maxsize=1)
def _opencc_to_traditional() -> Any:
    import opencc

    return opencc.OpenCC("s2hk")


def to_traditional(text: str) -> str:
    """Simplified to Traditional (Hong Kong): lets a Simplified search find Traditional text."""
    return str(_opencc_to_traditional().convert(text)) if text else text


def current_language() -> str:
    language = (get_language() or ENGLISH).lower()
    return language if language in HTML_LANG else ENGLISH


def html_lang(language: str) -> str:
    return HTML_LANG.get(language, "en")


@dataclass(frozen=True)
class Localised:
    """A field's value in the reader's language, or the best fallback and which one it is."""

    value: Any
    language: str
    is_fallback: bool
    needs_simplified_conversion: bool = False

    @property
    def lang_attr(self) -> str:
        return html_lang(self.language)

    def __str__(self) -> str:
        return str(self.value)


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


def localise(obj: object, field: str, *, language: str | None = None) -> Localised:
    """Pick `obj.<field>` for the language. Simplified Chinese text that comes from the
    Traditional field is flagged for conversion: strings are converted here, rich content
    (StreamField) by the caller after rendering, see `render_localised`."""
    language = language or current_language()
    english = getattr(obj, field, None)
    traditional = getattr(obj, f"{field}_zh_hant", None)
    simplified = getattr(obj, f"{field}_zh_hans", None)

    if language == SIMPLIFIED:
        if not _is_blank(simplified):
            return Localised(simplified, SIMPLIFIED, is_fallback=False)
        if not _is_blank(traditional):
            if isinstance(traditional, str):
                return Localised(to_simplified(traditional), SIMPLIFIED, is_fallback=False)
            return Localised(
                traditional, SIMPLIFIED, is_fallback=False, needs_simplified_conversion=True
            )
        return Localised(english, ENGLISH, is_fallback=not _is_blank(english))
    if language == TRADITIONAL:
        if not _is_blank(traditional):
            return Localised(traditional, TRADITIONAL, is_fallback=False)
        return Localised(english, ENGLISH, is_fallback=not _is_blank(english))
    if not _is_blank(english):
        return Localised(english, ENGLISH, is_fallback=False)
    if not _is_blank(traditional):
        return Localised(traditional, TRADITIONAL, is_fallback=True)
    return Localised(english, ENGLISH, is_fallback=False)
