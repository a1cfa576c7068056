from django import forms
from django.utils.translation import gettext_lazy as _

from aiplus.events.models import VisitRequest


class VisitRequestForm(forms.ModelForm):
    class Meta:
        model = VisitRequest
        fields = ["kind", "topics", "preferred_dates", "audience_size"]
        widgets = {"topics": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "topics": _("What your colleagues would like to hear about or see."),
            "preferred_dates": _("For example: “any Tuesday morning in January”."),
        }


class ProposalForm(forms.Form):
    start = forms.DateTimeField(
        label=_("Start (Hong Kong time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    end = forms.DateTimeField(
        label=_("End (Hong Kong time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    venue = forms.CharField(label=_("Venue"), max_length=300)
    note = forms.CharField(
        label=_("Note to the bureau or department"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
