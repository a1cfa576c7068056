from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aiplus.catalogue.models import Capability, Solution, Task
from aiplus.core.i18n import localise
from aiplus.core.translated import all_variants, variants

# Vendors write English and Traditional Chinese; Simplified is converted for readers.
VENDOR_TEXT_FIELDS = all_variants(Solution, simplified=False)
TEXT_ROWS = {"summary": 3, "problem": 4, "description": 6}
VENDOR_CHOICE_FIELDS = [
    "supports_english",
    "supports_traditional_chinese",
    "supports_simplified_chinese",
    "supports_cantonese_speech",
    "deploys_on_premises",
    "deploys_government_cloud",
    "deploys_public_cloud",
    "max_classification",
    "maturity",
    "price_model",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
]
VENDOR_RELATIONS = ["tasks", "capabilities"]


# Questions that group the yes/no answers and the choices, so no checkbox stands without one.
VENDOR_FIELDSETS = [
    (
        _("Which languages does it support?"),
        [
            "supports_english",
            "supports_traditional_chinese",
            "supports_simplified_chinese",
            "supports_cantonese_speech",
        ],
    ),
    (
        _("Where can it be deployed?"),
        ["deploys_on_premises", "deploys_government_cloud", "deploys_public_cloud"],
    ),
]
# Answers a vendor must give; never pre-set from the model's defaults.
VENDOR_REQUIRED_CHOICES = ["max_classification", "maturity", "price_model"]


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with each group under its own legend (not a bare label)."""

    template_name = "includes/widgets/grouped_checkboxes.html"


class LocalisedChoiceField(forms.ModelMultipleChoiceField):
    """Choices labelled in the reader's language (Simplified converted from Traditional)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(localise(obj, "name"))


class VendorSolutionForm(forms.ModelForm):
    """What a vendor may say about its own solution. Adoption by B/Ds, the slug and the vendor
    are the hub's to set."""

    tasks = LocalisedChoiceField(
        queryset=Task.objects.filter(parent__isnull=False).select_related("parent"),
        widget=GroupedCheckboxes,
        required=False,
        label=_("Tasks it helps with"),
    )
    capabilities = LocalisedChoiceField(
        queryset=Capability.objects.all(),
        widget=GroupedCheckboxes,
        required=False,
        label=_("AI capabilities"),
    )

    class Meta:
        model = Solution
        fields = [*VENDOR_TEXT_FIELDS, *VENDOR_CHOICE_FIELDS]
        widgets = {
            variant: forms.Textarea(attrs={"rows": rows})
            for name, rows in TEXT_ROWS.items()
            for variant in variants(name, simplified=False)
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Tasks grouped under their goals, every label in the reader's language.
        groups: dict[str, list[tuple[int, str]]] = {}
        for task in self.fields["tasks"].queryset:  # type: ignore[attr-defined]
            goal = str(localise(task.parent, "name"))
            groups.setdefault(goal, []).append((task.pk, str(localise(task, "name"))))
        self.fields["tasks"].choices = list(groups.items())  # type: ignore[attr-defined]
        for name in VENDOR_REQUIRED_CHOICES:
            field = self.fields[name]
            field.required = True
            field.choices = [("", _("Choose…")), *[c for c in field.choices if c[0] != ""]]  # type: ignore[attr-defined]
            if self.instance.pk is None and not self.is_bound:
                self.initial[name] = ""

    def fieldsets(self) -> list[dict[str, Any]]:
        """The fields in the order shown: yes/no answers grouped under their question."""
        grouped = {name: legend for legend, names in VENDOR_FIELDSETS for name in names}
        shown: list[dict[str, Any]] = []
        for field in self:
            legend = grouped.get(field.name)
            if legend is None:
                shown.append({"field": field})
            elif shown and shown[-1].get("legend") == legend:
                shown[-1]["fields"].append(field)
            else:
                shown.append({"legend": legend, "fields": [field]})
        return shown

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        relations = {name: list(self.cleaned_data[name]) for name in VENDOR_RELATIONS}
        return values, relations
