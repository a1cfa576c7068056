from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from aiplus.catalogue import selectors, services
from aiplus.catalogue.models import Solution
from aiplus.catalogue.models.choices import DEPLOYMENT_FLAGS, LANGUAGE_FLAGS, flags_on
from aiplus.core.params import clean_list


def _advice_url(solution: Solution) -> str | None:
    """The "request advice" action, once the advice capability is installed."""
    try:
        return reverse("advice:request") + f"?solution={solution.slug}"
    except NoReverseMatch:
        return None


def _flags(solution: Solution, flags: dict) -> list[str]:
    return [label for _key, label in flags_on(solution, flags)]


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    solution = selectors.solution_for_display(slug)
    if solution is None:
        raise Http404
    context = {
        "solution": solution,
        "languages": _flags(solution, LANGUAGE_FLAGS),
        "deployments": _flags(solution, DEPLOYMENT_FLAGS),
        "stories": solution.cases.filter(live=True).select_related("organisation")[:12],
        "is_shortlisted": solution.pk in selectors.shortlisted_ids(request.user),
        "advice_url": _advice_url(solution),
    }
    return render(request, "catalogue/detail.html", context)


def compare(request: HttpRequest) -> HttpResponse:
    slugs = list(clean_list(request.GET, "s"))[:4]
    solutions = selectors.solutions_to_compare(slugs)
    rows = [
        {
            "solution": s,
            "languages": _flags(s, LANGUAGE_FLAGS),
            "deployments": _flags(s, DEPLOYMENT_FLAGS),
        }
        for s in solutions
    ]
    return render(request, "catalogue/compare.html", {"rows": rows, "too_few": len(rows) < 2})


@login_required
def shortlist(request: HttpRequest) -> HttpResponse:
    solutions = list(selectors.shortlist(request.user))
    return render(request, "catalogue/shortlist.html", {"solutions": solutions})


@login_required
@require_POST
def toggle_shortlist(request: HttpRequest, slug: str) -> HttpResponse:
    solution = get_object_or_404(selectors.live_solutions(), slug=slug)
    on_list = services.toggle_shortlist(user=request.user, solution=solution)  # type: ignore[arg-type]
    if request.headers.get("HX-Request"):
        return render(
            request,
            "catalogue/_shortlist_button.html",
            {"solution": solution, "is_shortlisted": on_list},
        )
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect(solution.get_absolute_url())
