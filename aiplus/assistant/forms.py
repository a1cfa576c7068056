from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class FaqForm(forms.Form):
    title = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    body = forms.CharField(
        label=_("Answer (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    title_zh_hant = forms.CharField(
        label=_("Question (Traditional Chinese)"), max_length=500, required=False
    )
    body_zh_hant = forms.CharField(
        label=_("Answer (Traditional Chinese)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    link = forms.URLField(label=_("More information at (optional)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        english = data.get("title") and data.get("body")
        chinese = data.get("title_zh_hant") and data.get("body_zh_hant")
        if not (english or chinese):
            raise forms.ValidationError(
                _("Give a question with its answer in English, in Chinese, or both.")
            )
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("FAQ spreadsheet (XLSX or CSV)"),
        help_text=_("Columns: question, answer, 問題, 答案, link (any of the two languages)."),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    file = forms.FileField(
        label=_("Document (PDF, Word, PowerPoint, Excel or text)"),
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
