from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aiplus.catalogue.models import Capability, Solution, Task

VENDOR_TEXT_FIELDS = [
    "name",
    "name_zh_hant",
    "summary",
    "summary_zh_hant",
    "problem",
    "problem_zh_hant",
    "description",
    "description_zh_hant",
]
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


class VendorSolutionForm(forms.ModelForm):
    """What a vendor may say about its own solution. Adoption by B/Ds, the slug and the vendor
    are the hub's to set."""

    tasks = forms.ModelMultipleChoiceField(
        queryset=Task.objects.filter(parent__isnull=False).select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Tasks it helps with"),
    )
    capabilities = forms.ModelMultipleChoiceField(
        queryset=Capability.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("AI capabilities"),
    )

    class Meta:
        model = Solution
        fields = [*VENDOR_TEXT_FIELDS, *VENDOR_CHOICE_FIELDS]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_zh_hant": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 4}),
            "problem_zh_hant": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_zh_hant": forms.Textarea(attrs={"rows": 6}),
        }

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        relations = {name: list(self.cleaned_data[name]) for name in VENDOR_RELATIONS}
        return values, relations
