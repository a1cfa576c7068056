import re

from django import forms
from django.utils.translation import gettext_lazy as _

from aiplus.meetings.models import Meeting, Minutes, MinutesComment, MinutesTemplate


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
    """The built-in templates, then the user's own ("custom-<pk>"), which set the language."""

    template = forms.ChoiceField(label=_("Template"), initial="formal")
    language = forms.ChoiceField(
        label=_("Write the minutes in"),
        choices=[("en", _("English")), ("zh-hant", _("Traditional Chinese"))],
        help_text=_("A template of your own is written in the language it was made for."),
    )

    def __init__(self, *args, templates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ChoiceField)
        built_in = [(v, label) for v, label in Minutes.Template.choices if v != "custom"]
        own = [(f"custom-{t.pk}", t.name) for t in templates]
        field.choices = built_in + ([(_("Your templates"), own)] if own else [])


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


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class TemplateForm(forms.Form):
    """A minutes template: its sections one a line, "Title: what the AI should put in it"."""

    name = forms.CharField(label=_("Template name"), max_length=100)
    language = forms.ChoiceField(
        label=_("Write the minutes in"),
        choices=[("en", _("English")), ("zh-hant", _("Traditional Chinese"))],
    )
    sections = forms.CharField(
        label=_("Sections"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=6000,
        help_text=_(
            "One section a line, up to 12: its title, a colon, then what the AI should put in "
            "it. For example: “Decisions: every decision, with who made it.”"
        ),
    )
    shared = forms.BooleanField(
        label=_("Let everyone in my B/D use it"), required=False, initial=False
    )

    def clean_sections(self) -> list[dict[str, str]]:
        sections = []
        for raw in CONTROL.sub(" ", self.cleaned_data["sections"]).splitlines():
            line = " ".join(raw.split()).lstrip("#-|* ").strip()
            if not line:
                continue
            title, *rest = re.split(r"[:：]", line, maxsplit=1)
            title, instruction = title.strip(), (rest[0] if rest else "").strip()
            if not title:
                raise forms.ValidationError(_("Every section needs a title before its colon."))
            if len(title) > MinutesTemplate.MAX_TITLE:
                raise forms.ValidationError(
                    _("A section title can be at most %(count)d characters.")
                    % {"count": MinutesTemplate.MAX_TITLE}
                )
            if len(instruction) > MinutesTemplate.MAX_INSTRUCTION:
                raise forms.ValidationError(
                    _("A section's instruction can be at most %(count)d characters.")
                    % {"count": MinutesTemplate.MAX_INSTRUCTION}
                )
            sections.append({"title": title, "instruction": instruction})
        if not sections:
            raise forms.ValidationError(_("Add at least one section."))
        if len(sections) > MinutesTemplate.MAX_SECTIONS:
            raise forms.ValidationError(
                _("A template can have at most %(count)d sections; this one has %(given)d.")
                % {"count": MinutesTemplate.MAX_SECTIONS, "given": len(sections)}
            )
        if len({s["title"].casefold() for s in sections}) < len(sections):
            raise forms.ValidationError(_("Give each section a different title."))
        return sections


def template_initial(template: MinutesTemplate) -> dict:
    lines = [
        f"{s['title']}: {s['instruction']}" if s.get("instruction") else s["title"]
        for s in template.sections
    ]
    return {
        "name": template.name,
        "language": template.language,
        "sections": "\n".join(lines),
        "shared": template.organisation_id is not None,
    }
