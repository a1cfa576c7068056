"""Translated fields, declared once per model and expanded everywhere else.

    class Resource(models.Model):
        title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=300)

adds three model fields: `title` (English), `title_zh_hant` (Traditional Chinese) and
`title_zh_hans` (Simplified Chinese, optional: blank means "convert the Traditional text", see
`core.i18n.localise`). The model remembers the names in `translated_fields`, and admin panels,
search fields, exports, the API, importers and demo loaders expand them with the helpers below
instead of spelling out the three names again."""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

TRADITIONAL_SUFFIX = "_zh_hant"
SIMPLIFIED_SUFFIX = "_zh_hans"
# The field name's ending for each language code (core.i18n): "title" + suffix.
LANGUAGE_SUFFIXES = {"en": "", "zh-hant": TRADITIONAL_SUFFIX, "zh-hans": SIMPLIFIED_SUFFIX}

T = TypeVar("T")


class TranslatedField(Generic[T]):
    """A model field in English, Traditional and Simplified Chinese.

    `field_args` and `field_kwargs` go to all three fields; the Chinese ones are always optional
    (an editor may write English first). `english` overrides keyword arguments for the English
    field alone (for example a length limit or a different label). `english_exists=True` is for
    a field a base class already defines in English, such as Wagtail's `Page.title`."""

    def __init__(
        self,
        field_class: type[models.Field[Any, T]],
        *field_args: Any,
        verbose_name: Any,
        english: dict[str, Any] | None = None,
        english_exists: bool = False,
        **field_kwargs: Any,
    ) -> None:
        # The fields are built here, not in contribute_to_class, so they keep the position of
        # the declaration among the model's other fields (forms and admin listings follow it).
        english_kwargs = {"verbose_name": verbose_name, **field_kwargs, **(english or {})}
        self.english = None if english_exists else field_class(*field_args, **english_kwargs)
        traditional_kwargs = {
            **field_kwargs,
            "blank": True,
            "verbose_name": format_lazy(_("{field} (Traditional Chinese)"), field=verbose_name),
        }
        self.traditional = field_class(*field_args, **traditional_kwargs)
        simplified_kwargs = {
            **field_kwargs,
            "blank": True,
            "verbose_name": format_lazy(_("{field} (Simplified Chinese)"), field=verbose_name),
            "help_text": _("Leave blank to convert from Traditional Chinese automatically."),
        }
        self.simplified = field_class(*field_args, **simplified_kwargs)

    if TYPE_CHECKING:
        # Once the model class is built, the attribute is the English field's value.
        @overload
        def __get__(self, instance: None, owner: type[models.Model]) -> Self: ...
        @overload
        def __get__(self, instance: models.Model, owner: type[models.Model]) -> T: ...
        def __get__(self, instance: models.Model | None, owner: type[models.Model]) -> Any: ...

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        if self.english is not None:
            cls.add_to_class(name, self.english)
        cls.add_to_class(name + TRADITIONAL_SUFFIX, self.traditional)
        cls.add_to_class(name + SIMPLIFIED_SUFFIX, self.simplified)
        # A new tuple per class, so a subclass's declarations never leak into its base.
        cls.translated_fields = (*getattr(cls, "translated_fields", ()), name)  # type: ignore[attr-defined]


def variants(name: str, *, simplified: bool = True) -> list[str]:
    """`title` -> ["title", "title_zh_hant", "title_zh_hans"]. Without `simplified`, the two
    official languages only (exports and keyword matching, where Simplified text is derived)."""
    names = [name, name + TRADITIONAL_SUFFIX]
    return [*names, name + SIMPLIFIED_SUFFIX] if simplified else names


def expand(names: Iterable[str], *, simplified: bool = True) -> list[str]:
    """Every variant of each name, in order: for panels, form fields and column lists."""
    return [variant for name in names for variant in variants(name, simplified=simplified)]


def translated_field_names(model: type[models.Model] | models.Model) -> tuple[str, ...]:
    """The names a model declared with `TranslatedField`, in declaration order."""
    return tuple(getattr(model, "translated_fields", ()))


def all_variants(model: type[models.Model] | models.Model, *, simplified: bool = True) -> list[str]:
    return expand(translated_field_names(model), simplified=simplified)


def translated_values(obj: object, *names: str, simplified: bool = True) -> dict[str, Any]:
    """{"title": ..., "title_zh_hant": ..., "title_zh_hans": ...} read from `obj`."""
    return {variant: getattr(obj, variant) for variant in expand(names, simplified=simplified)}


def pick_translations(data: Mapping[str, Any], model: type[models.Model]) -> dict[str, Any]:
    """The model's translated values found in `data` (a demo record, a form's cleaned data)."""
    return {name: data[name] for name in all_variants(model) if name in data}


def search_fields(*names: str, simplified: bool = False, **options: Any) -> list[Any]:
    """Wagtail search fields for every variant of each name."""
    from wagtail.search import index

    return [index.SearchField(v, **options) for v in expand(names, simplified=simplified)]
