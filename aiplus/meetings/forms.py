from django import forms
from django.utils.translation import gettext_lazy as _

from aiplus.meetings.models import Meeting, Minutes, MinutesComment


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(
        label=_("Language spoken"), choices=Meeting.Language.choices, initial="auto"
    )
    attendees = forms.CharField(
        label=_("Attendees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line as “Name, Post”. Start a line with “+” for someone in attendance "
            "who is not a member, and with “-” for someone absent with apologies."
        ),
    )
    agenda = forms.CharField(
        label=_("Agenda items"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line."),
    )
    file = forms.FileField(
        label=_("Recording or transcript"),
        help_text=_(
            "A recording (MP3, M4A, WAV, MP4, WebM or OGG, up to four hours) or a transcript "
            "(Teams or Zoom VTT, SRT, DOCX, TXT, or QMSum-style JSON)."
        ),
    )


class MinutesForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Template"), choices=Minutes.Template.choices, initial="formal"
    )
    language = forms.ChoiceField(
        label=_("Write the minutes in"),
        choices=[("en", _("English")), ("zh-hant", _("Traditional Chinese"))],
    )


class MinutesEditForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 24}))
    note = forms.CharField(label=_("What changed (optional)"), max_length=200, required=False)


class ShareForm(forms.Form):
    who = forms.CharField(label=_("User name or e-mail address"), max_length=254)
    can_edit = forms.TypedChoiceField(
        label=_("They may"),
        choices=[("0", _("Read the meeting")), ("1", _("Read it and work on the minutes"))],
        coerce=lambda value: value == "1",
        initial="0",
    )


class TurnForm(forms.Form):
    """One transcript turn: who spoke and what they said. A blank line in the text splits the
    turn in two, the second part going to `second_speaker`."""

    speaker = forms.ChoiceField(label=_("Speaker"), required=False)
    text = forms.CharField(
        label=_("What was said"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=_("To split the turn where another speaker starts, leave a blank line there."),
    )
    second_speaker = forms.ChoiceField(label=_("Speaker after the blank line"), required=False)
    new_speaker = forms.CharField(
        label=_("Or add a speaker"),
        max_length=100,
        required=False,
        help_text=_("A new name, used wherever “New speaker” is chosen above."),
    )

    NEW = "__new__"

    def __init__(self, *args, speakers: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Unknown")), *speakers, (self.NEW, _("New speaker"))]
        for name in ("speaker", "second_speaker"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def clean(self) -> dict:
        data = super().clean() or {}
        uses_new = self.NEW in (data.get("speaker"), data.get("second_speaker"))
        if uses_new and not (data.get("new_speaker") or "").strip():
            self.add_error("new_speaker", _("Give the new speaker's name."))
        return data


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("On the section"), required=False)
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MinutesComment.MAX_LENGTH,
    )

    def __init__(self, *args, headings: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["section"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("The minutes as a whole")), *[(h, h) for h in headings]]
