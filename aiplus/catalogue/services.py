"""Writes for the catalogue: shortlists and vendors' own submissions."""

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from wagtail.models import WorkflowState

from aiplus.accounts.models import Organisation, User
from aiplus.catalogue.models import ShortlistItem, Solution
from aiplus.catalogue.permissions import user_can_submit_solutions


def toggle_shortlist(*, user: User, solution: Solution) -> bool:
    """Add the solution to the user's shortlist, or take it off. Returns whether it is on."""
    deleted, _ = ShortlistItem.objects.filter(user=user, solution=solution).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            ShortlistItem.objects.create(user=user, solution=solution)
    except IntegrityError:  # added twice at once: it is on the list either way
        pass
    return True


def _unique_slug(name: str, *, vendor: Organisation) -> str:
    """A slug for a vendor's new solution that reveals nothing about other companies' entries,
    published or not: it starts with the vendor's own name, is numbered only among the
    vendor's own solutions, and takes a random suffix if it still matches another's slug."""
    company = (slugify(vendor.name) or slugify(vendor.code))[:60].strip("-") or "vendor"
    base = f"{company}-{slugify(name)[:120].strip('-') or 'solution'}"
    own = Solution.objects.filter(vendor=vendor)
    slug, number = base, 1
    while own.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    while Solution.objects.filter(slug=slug).exists():  # another company's entry
        slug = f"{base}-{secrets.token_hex(4)}"
    return slug


def _submit_for_review(solution: Solution, user: User) -> None:
    """Send the latest revision for review. A resubmission during a review restarts it, so
    the reviewer always approves what is now submitted."""
    state = solution.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return
    if state is not None:
        state.cancel(user=user)
    workflow = solution.get_workflow()
    if workflow is not None:
        workflow.start(solution, user)


@transaction.atomic
def submit_vendor_solution(
    *, user: User, solution: Solution | None, values: dict[str, Any], relations: dict[str, Any]
) -> Solution:
    """Save a vendor's new or changed solution as a draft and send it for an editor's review.
    A live solution keeps showing its published version until the change is approved."""
    if not user_can_submit_solutions(user):
        raise PermissionError("only vendors submit solutions")
    if solution is None:
        draft = Solution(
            vendor=user.organisation,
            live=False,
            slug=_unique_slug(values["name"], vendor=user.organisation),  # type: ignore[arg-type]
        )
    else:
        if solution.vendor_id != user.organisation_id:
            raise PermissionError("a vendor may only change its own solutions")
        draft = solution.get_latest_revision_as_object()
    for name, value in values.items():
        setattr(draft, name, value)
    for name, value in relations.items():
        getattr(draft, name).set(value)
    draft.vendor = user.organisation  # never another company's, whatever was posted
    if solution is None:
        draft.save()
    draft.save_revision(user=user)
    _submit_for_review(draft, user)
    return draft
