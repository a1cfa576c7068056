from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from aiplus.advice.notices import advisors
from aiplus.catalogue.models import Solution
from aiplus.catalogue.models.choices import LANGUAGE_FLAGS, Classification

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

FILE_HELP = _("Optional: a PDF, Word, PowerPoint or Excel file.")


def _text(
    label: "StrOrPromise", help_text: "StrOrPromise" = "", rows: int = 4, required: bool = False
) -> forms.Field:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class RequestForm(forms.Form):
    """The need, described so that an advisor can answer without a first round of questions."""

    title = forms.CharField(label=_("What do you need advice on?"), max_length=200)
    workflow = _text(
        _("How the work is done today"),
        _("The steps, who does them and with what systems."),
        rows=6,
        required=True,
    )
    volumes = _text(
        _("Volumes"), _("For example: 2,000 enquiries a month, 40 meetings a week."), rows=2
    )
    pain_points = _text(_("Pain points"), _("What takes the most time or goes wrong."))
    data_classification = forms.TypedChoiceField(
        label=_("Highest data classification involved"),
        choices=Classification.choices,
        coerce=int,
        initial=Classification.UNCLASSIFIED,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the solution must handle"),
        choices=[(key, label) for key, (_field, label) in LANGUAGE_FLAGS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    budget = forms.CharField(label=_("Budget"), max_length=200, required=False)
    time_frame = forms.CharField(
        label=_("Time frame"),
        max_length=200,
        required=False,
        help_text=_("For example: a pilot by the third quarter of 2026."),
    )
    solution = forms.ModelChoiceField(
        label=_("Solution you are asking about"),
        queryset=Solution.objects.filter(live=True),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )
    file = forms.FileField(label=_("Attach a file"), required=False, help_text=FILE_HELP)


class MessageForm(forms.Form):
    body = _text(_("Your message"), rows=5, required=True)
    file = forms.FileField(label=_("Attach a file"), required=False, help_text=FILE_HELP)


class NoteForm(forms.Form):
    body = _text(_("Internal note (the B/D never sees it)"), rows=3, required=True)
    file = forms.FileField(label=_("Attach a file"), required=False, help_text=FILE_HELP)


class MoveForm(forms.Form):
    """One status move; the buttons offered come from the workflow."""

    to = forms.CharField(max_length=20)
    note = forms.CharField(label=_("Note (optional)"), max_length=2000, required=False)


class CloseForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the advice?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("5 is very useful, 1 not useful at all."),
    )
    rating_comment = _text(_("Comment (optional)"), rows=2)


class AssignForm(forms.Form):
    advisor = forms.ModelChoiceField(
        label=_("Advisor"),
        queryset=advisors(),
        required=False,
        empty_label=_("Nobody"),
    )


class RecommendForm(forms.Form):
    solution = forms.ModelChoiceField(
        label=_("Solution from the catalogue"),
        queryset=Solution.objects.filter(live=True).order_by("name"),
    )
    note = _text(_("Why it fits"), rows=2)
