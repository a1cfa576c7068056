"""Admin screens for imports: upload a file through a mapping, watch it run, read the report."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aiplus.cases import services
from aiplus.cases.importer.mapping import (
    check_mapping_file,
    mapping_choices,
    shipped_mapping_paths,
)
from aiplus.cases.models import ImportRun
from aiplus.cases.permissions import user_can_import


class ImportForm(forms.Form):
    mapping = forms.ChoiceField(label=gettext_lazy("Source"))
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV, JSON or XLSX, as the source's mapping says."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: check every row and report, but write nothing"),
        required=False,
        initial=True,
    )
    withdraw_missing = forms.BooleanField(
        label=gettext_lazy(
            "Withdraw records no longer in the file (they are unpublished, never deleted)"
        ),
        required=False,
        initial=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["mapping"].choices = mapping_choices()  # type: ignore[attr-defined]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.AIPLUS_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s. Split it into smaller files.")
                % {"limit": filesizeformat(settings.AIPLUS_IMPORT_MAX_BYTES)}
            )
        return upload


def _require_import_permission(request: HttpRequest) -> None:
    if not user_can_import(request.user):
        raise PermissionDenied


def import_start(request: HttpRequest) -> HttpResponse:
    _require_import_permission(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = services.start_import(
            user=request.user,
            mapping=form.cleaned_data["mapping"],
            upload=form.cleaned_data["file"],
            dry_run=form.cleaned_data["dry_run"],
            withdraw_missing=form.cleaned_data["withdraw_missing"],
        )
        return redirect("cases_import_run", run.pk)
    runs = ImportRun.objects.all()[:20]
    invalid = []  # shipped mappings that cannot be chosen, and why
    for path in shipped_mapping_paths():
        problems = check_mapping_file(path)[1]
        if problems:
            invalid.append({"name": path.stem, "problems": [str(p) for p in problems]})
    return render(
        request,
        "cases/admin/import_start.html",
        {"form": form, "runs": runs, "invalid_mappings": invalid},
    )


def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    _require_import_permission(request)
    run = get_object_or_404(ImportRun, pk=pk)
    return render(request, "cases/admin/import_run.html", {"run": run})
