"""Vendors' self-service: a vendor sees and changes only its own company's solutions."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aiplus.catalogue import selectors, services
from aiplus.catalogue.forms import VendorSolutionForm
from aiplus.catalogue.models import Solution
from aiplus.catalogue.permissions import user_can_submit_solutions


def _refuse_non_vendor(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_can_submit_solutions(request.user):
        raise PermissionDenied
    return None


def my_solutions(request: HttpRequest) -> HttpResponse:
    if refusal := _refuse_non_vendor(request):
        return refusal
    rows = [
        {"solution": s, "status": selectors.review_status(s)}
        for s in selectors.vendor_solutions(request.user)
    ]
    return render(request, "catalogue/vendor/list.html", {"rows": rows})


def edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    if refusal := _refuse_non_vendor(request):
        return refusal
    solution = None
    if slug is not None:
        # Another vendor's solution does not exist, as far as this vendor can tell.
        solution = get_object_or_404(
            Solution,
            slug=slug,
            vendor_id=request.user.organisation_id,  # type: ignore[union-attr]
        )
    instance = solution.get_latest_revision_as_object() if solution else None
    form = VendorSolutionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        values, relations = form.split()
        services.submit_vendor_solution(
            user=request.user,  # type: ignore[arg-type]
            solution=solution,
            values=values,
            relations=relations,
        )
        messages.success(
            request, _("Thank you. An editor will review your changes before they are published.")
        )
        return redirect("catalogue:vendor")
    return render(request, "catalogue/vendor/edit.html", {"form": form, "solution": solution})
