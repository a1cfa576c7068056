"""Wagtail admin screens for accounts: users (with organisation) and organisations."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from aiplus.accounts.models import Organisation
from aiplus.core.translated import variants


def _organisation_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True).order_by("kind", "name"),
        required=False,
        label=_("Organisation"),
        help_text=_("The bureau, department or (for vendors) company this person belongs to."),
    )


class HubUserCreationForm(UserCreationForm):
    organisation = _organisation_field()

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"organisation"}


class HubUserEditForm(UserEditForm):
    organisation = _organisation_field()

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"organisation"}


class HubUserViewSet(UserViewSet):
    def get_form_class(self, for_update: bool = False) -> Any:
        return HubUserEditForm if for_update else HubUserCreationForm


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 610
    add_to_settings_menu = True
    list_display = [*variants("name", simplified=False), "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = [*variants("name", simplified=False), "code"]
    list_export = ["code", "kind", *variants("name", simplified=False), "parent", "is_active"]
    form_fields = ["code", "kind", *variants("name"), "parent", "is_active"]
    inspect_view_enabled = True
