"""Writes for the catalogue: shortlists and vendors' own submissions."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from wagtail.models import WorkflowState

from aiplus.accounts.models import User
from aiplus.accounts.roles import Role
from aiplus.catalogue.models import ShortlistItem, Solution


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


def is_vendor(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.has_role(Role.VENDOR)
        and user.organisation_id
        and not user.organisation.is_government
    )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "solution"
    slug, number = base, 1
    while Solution.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _submit_for_review(solution: Solution, user: User) -> None:
    state = solution.current_workflow_state
    if state is None:
        workflow = solution.get_workflow()
        if workflow is not None:
            workflow.start(solution, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)


@transaction.atomic
def submit_vendor_solution(
    *, user: User, solution: Solution | None, values: dict[str, Any], relations: dict[str, Any]
) -> Solution:
    """Save a vendor's new or changed solution as a draft and send it for an editor's review.
    A live solution keeps showing its published version until the change is approved."""
    if not is_vendor(user):
        raise PermissionError("only vendors submit solutions")
    if solution is None:
        draft = Solution(vendor=user.organisation, live=False, slug=_unique_slug(values["name"]))
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


def review_status(solution: Solution) -> str:
    state = solution.current_workflow_state
    if state is not None:
        return (
            "needs_changes" if state.status == WorkflowState.STATUS_NEEDS_CHANGES else "in_review"
        )
    if solution.live and solution.has_unpublished_changes:
        return "draft_changes"
    return "live" if solution.live else "draft"
