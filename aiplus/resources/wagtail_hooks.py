"""The resource library in the Wagtail admin: uploads are checked before anything is stored,
then the text and preview are extracted in the background."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from aiplus.core.translated import all_variants, variants
from aiplus.resources import services
from aiplus.resources.extraction.sniff import UnsafeFileError
from aiplus.resources.models import Resource


class ResourceForm(WagtailAdminModelForm):
    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            try:
                services.accept_upload(resource=self.instance, upload=upload)
            except UnsafeFileError as error:
                raise forms.ValidationError(str(error)) from error
            self.new_upload = True
        return upload


class _QueueExtraction:
    def save_instance(self) -> Resource:
        resource = super().save_instance()  # type: ignore[misc]
        if getattr(self.form, "new_upload", False):  # type: ignore[attr-defined]
            services.queue_extraction(resource=resource, user=self.request.user)  # type: ignore[attr-defined]
        return resource


class ResourceCreateView(_QueueExtraction, CreateView):
    pass


class ResourceEditView(_QueueExtraction, EditView):
    pass


class ResourceViewSet(ModelViewSet):
    model = Resource
    icon = "doc-full-inverse"
    menu_label = _("Resources")
    menu_order = 220
    add_to_admin_menu = True
    form_fields = [
        *all_variants(Resource),
        "kind",
        "file",
        "published_on",
        "is_published",
        "visibility",
        "allowed_roles",
        "allowed_organisations",
        "solutions",
        "cases",
    ]
    list_display = ["title", "kind", "file_type", "visibility", "extraction_status", "is_published"]
    list_filter = ["kind", "visibility", "extraction_status", "is_published"]
    search_fields = variants("title", simplified=False)
    add_view_class = ResourceCreateView
    edit_view_class = ResourceEditView

    def get_form_class(self, for_update: bool = False) -> Any:
        form_class = super().get_form_class(for_update)
        return type("ResourceAdminForm", (ResourceForm, form_class), {"Meta": form_class.Meta})


@hooks.register("register_admin_viewset")
def register_resource_viewset() -> ResourceViewSet:
    return ResourceViewSet("resource_library")
