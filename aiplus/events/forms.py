from django import forms
from django.utils.translation import gettext_lazy as _

from aiplus.catalogue.models import Task
from aiplus.core.i18n import localise
from aiplus.core.translated import expand
from aiplus.events.models import Briefing, DigestSubscription, VisitRequest


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


class TaskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Task) -> str:
        goal = localise(obj.parent, "name").value if obj.parent else ""
        name = localise(obj, "name").value
        return f"{goal} → {name}" if goal else str(name)


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=DigestSubscription.Frequency.choices,
    )
    kinds = forms.MultipleChoiceField(
        label=_("What to include"),
        choices=DigestSubscription.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tasks = TaskChoiceField(
        label=_("Only about these tasks"),
        queryset=Task.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for every task."),
    )
    topics = forms.CharField(
        label=_("Or mentioning these topics"),
        required=False,
        max_length=300,
        help_text=_("Keywords separated by commas, for example: chatbot, 會議記錄"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from aiplus.events.digests import task_choices

        self.fields["tasks"].queryset = task_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        off = DigestSubscription.Frequency.OFF
        if data.get("frequency") not in (None, off) and not data.get("kinds"):
            self.add_error("kinds", _("Choose at least one kind of content for your digest."))
        return data


class BriefingForm(forms.ModelForm):
    """DPO's briefing: the items offered are those every officer may open (published, not
    restricted, events open to all that are still to come)."""

    class Meta:
        model = Briefing
        fields = [
            *expand(("title", "introduction")),
            "organisations",
            "solutions",
            "cases",
            "resources",
            "events",
        ]
        widgets = {
            "organisations": forms.CheckboxSelectMultiple,
            "solutions": forms.CheckboxSelectMultiple,
            "cases": forms.CheckboxSelectMultiple,
            "resources": forms.CheckboxSelectMultiple,
            "events": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from aiplus.events import briefings

        offered = briefings.offered_items()
        for name in ("solutions", "cases", "resources", "events"):
            field = self.fields[name]
            field.queryset = offered[name]  # type: ignore[attr-defined]
            field.label_from_instance = _item_label  # type: ignore[attr-defined]
        organisations = self.fields["organisations"]
        organisations.queryset = briefings.offered_organisations()  # type: ignore[attr-defined]
        organisations.label_from_instance = _organisation_label  # type: ignore[attr-defined]
        for name in expand(("introduction",)):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 6})


def _item_label(obj: object) -> str:
    field = "name" if hasattr(obj, "vendor_id") else "title"
    return str(localise(obj, field).value)


def _organisation_label(obj: object) -> str:
    return f"{localise(obj, 'name').value} ({getattr(obj, 'code', '')})"
