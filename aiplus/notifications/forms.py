from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from aiplus.notifications import kinds
from aiplus.notifications.models import NotificationPreference


class PreferencesForm(forms.Form):
    """The user's notification settings: a language, e-mail on or off, and e-mail per kind."""

    language = forms.ChoiceField(
        label=_("Language of your notifications"),
        choices=settings.LANGUAGES,
        help_text=_("New notifications and their e-mails are written in this language."),
    )
    email_enabled = forms.BooleanField(label=_("Send me notifications by e-mail"), required=False)

    def __init__(self, *args: Any, preference: NotificationPreference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = preference.language
        self.fields["email_enabled"].initial = preference.email_enabled
        choices = preference.email_kinds or {}
        # Field names from kind names ("events.reminder" -> "kind-0"): ids stay plain.
        self.kind_fields: dict[str, str] = {}
        for index, kind in enumerate(kinds.registered_kinds()):
            name = f"kind-{index}"
            self.kind_fields[name] = kind.name
            chosen = choices.get(kind.name)
            self.fields[name] = forms.BooleanField(
                label=str(kind.label),
                help_text=str(kind.description),
                required=False,
                initial=kind.email_by_default if chosen is None else bool(chosen),
            )

    def kind_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.kind_fields]

    def email_kinds(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data[name]) for name, kind in self.kind_fields.items()}
