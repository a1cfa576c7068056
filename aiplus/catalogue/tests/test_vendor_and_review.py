"""Vendor self-service: a vendor's solution goes live only after an editor approves it, and a
vendor can never change another vendor's entries."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import WorkflowState

from aiplus.accounts.roles import Role
from aiplus.catalogue.models import Solution
from aiplus.catalogue.tests.factories import SolutionFactory, TaskFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor_user(make_user):
    return make_user(Role.VENDOR, organisation=VendorFactory())


@pytest.fixture
def rival_solution():
    return SolutionFactory(name="Rival Product", vendor=VendorFactory())


def form_data(**overrides):
    data = {
        "name": "Harbour Minutes",
        "name_zh_hant": "海港會議記錄",
        "summary": "Drafts minutes.",
        "supports_english": "on",
        "max_classification": "1",
        "maturity": "production",
        "price_model": "subscription",
    }
    return data | overrides


def approve(solution, reviewer):
    state = WorkflowState.objects.get(
        base_content_type__model="solution", object_id=str(solution.pk), status="in_progress"
    )
    state.current_task_state.approve(user=reviewer)


def test_new_submission_waits_for_review_then_goes_live(client, vendor_user, editor):
    task = TaskFactory()
    client.force_login(vendor_user)
    response = client.post("/en/solutions/vendor/new/", form_data(tasks=[task.pk]))
    assert response.status_code == 302

    solution = Solution.objects.get(name="Harbour Minutes")
    assert not solution.live
    assert solution.vendor == vendor_user.organisation
    assert "Harbour Minutes" not in client.get("/en/solutions/").content.decode()
    assert "Waiting for review" in client.get("/en/solutions/vendor/").content.decode()

    approve(solution, editor)
    solution.refresh_from_db()
    assert solution.live
    assert list(solution.tasks.all()) == [task]
    assert "Harbour Minutes" in client.get("/en/solutions/").content.decode()


def test_changes_to_a_live_solution_stay_unpublished_until_approved(client, vendor_user, editor):
    solution = SolutionFactory(name="Live Product", vendor=vendor_user.organisation)
    client.force_login(vendor_user)
    client.post(f"/en/solutions/vendor/{solution.slug}/edit/", form_data(name="Renamed Product"))

    assert "Live Product" in client.get(f"/en/solutions/{solution.slug}/").content.decode()
    solution.refresh_from_db()
    assert solution.name == "Live Product" and solution.has_unpublished_changes

    approve(solution, editor)
    assert "Renamed Product" in client.get(f"/en/solutions/{solution.slug}/").content.decode()


def test_a_vendor_cannot_see_or_change_another_vendors_solution(
    client, vendor_user, rival_solution
):
    client.force_login(vendor_user)
    url = f"/en/solutions/vendor/{rival_solution.slug}/edit/"
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(name="Hijacked")).status_code == 404
    rival_solution.refresh_from_db()
    assert rival_solution.name == "Rival Product"
    assert not rival_solution.revisions.exists()
    assert "Rival Product" not in client.get("/en/solutions/vendor/").content.decode()


def test_a_posted_vendor_field_cannot_reassign_ownership(client, vendor_user, rival_solution):
    client.force_login(vendor_user)
    client.post("/en/solutions/vendor/new/", form_data(vendor=rival_solution.vendor_id))
    assert Solution.objects.get(name="Harbour Minutes").vendor == vendor_user.organisation


@pytest.mark.parametrize("role", [Role.OFFICER, Role.EDITOR, Role.ADVISOR])
def test_only_vendors_use_the_vendor_pages(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get("/en/solutions/vendor/").status_code == 403
    assert client.post("/en/solutions/vendor/new/", form_data()).status_code == 403
    assert not Solution.objects.filter(name="Harbour Minutes").exists()


def test_a_vendor_in_a_government_organisation_is_refused(client, make_user):
    client.force_login(make_user(Role.VENDOR))  # factory organisations are departments
    assert client.get("/en/solutions/vendor/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/en/solutions/vendor/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_invalid_submission_shows_errors_and_saves_nothing(client, vendor_user):
    client.force_login(vendor_user)
    response = client.post("/en/solutions/vendor/new/", form_data(name="", contact_email="nope"))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Solution.objects.exists()


def in_progress_state(solution):
    return WorkflowState.objects.get(
        base_content_type__model="solution", object_id=str(solution.pk), status="in_progress"
    )


def test_a_resubmission_during_review_restarts_it(client, vendor_user, editor):
    client.force_login(vendor_user)
    client.post("/en/solutions/vendor/new/", form_data(name="Reviewed Name"))
    solution = Solution.objects.get(name="Reviewed Name")
    task_under_review = in_progress_state(solution).current_task_state

    client.post(f"/en/solutions/vendor/{solution.slug}/edit/", form_data(name="Sneaky Name"))

    task_under_review.refresh_from_db()
    assert task_under_review.status == "cancelled"
    with pytest.raises(PermissionDenied):  # the reviewer's old approval cannot land
        task_under_review.approve(user=editor)
    solution.refresh_from_db()
    assert not solution.live
    restarted = in_progress_state(solution).current_task_state
    assert restarted.revision == solution.get_latest_revision()


def test_approval_publishes_the_reviewed_revision_not_a_later_one(client, vendor_user, editor):
    client.force_login(vendor_user)
    client.post("/en/solutions/vendor/new/", form_data(name="Reviewed Name"))
    solution = Solution.objects.get(name="Reviewed Name")
    reviewed = in_progress_state(solution).current_task_state.revision

    later = solution.get_latest_revision_as_object()  # saved outside the review
    later.name = "Unreviewed Name"
    later.save_revision(user=vendor_user)

    approve(solution, editor)
    solution.refresh_from_db()
    assert solution.live and solution.name == "Reviewed Name"
    assert solution.live_revision == reviewed
    assert "Unreviewed Name" not in client.get("/en/solutions/").content.decode()


@pytest.mark.parametrize(
    ("language", "goal", "task", "question"),
    [
        ("en", "Run meetings", "Transcribe", "Which languages does it support?"),
        ("zh-hant", "會議", "轉錄", "支援哪些語言？"),
        ("zh-hans", "会议", "转录", "支援哪些语言？"),
    ],
)
def test_the_vendor_form_speaks_the_readers_language_and_groups_its_questions(
    client, vendor_user, language, goal, task, question
):
    from aiplus.catalogue.models import Task

    parent = Task.objects.create(name="Run meetings", name_zh_hant="會議", slug="run-meetings")
    Task.objects.create(name="Transcribe", name_zh_hant="轉錄", parent=parent, slug="transcribe")
    client.force_login(vendor_user)
    html = client.get(f"/{language}/solutions/vendor/new/").content.decode()
    assert goal in html and task in html
    assert f"<legend>{question}</legend>" in html
    # Nothing is answered for the vendor: classification, maturity and price start unchosen.
    for name in ("max_classification", "maturity", "price_model"):
        select = html.split(f'name="{name}"')[1].split("</select>")[0]
        assert "selected" not in select.split("</option>", 1)[1]


def test_a_vendor_must_choose_classification_maturity_and_price(client, vendor_user):
    client.force_login(vendor_user)
    data = form_data()
    del data["maturity"]
    response = client.post("/en/solutions/vendor/new/", data)
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Solution.objects.exists()


def test_vendors_and_officers_find_their_own_pages_from_the_header(client, vendor_user, officer):
    client.force_login(vendor_user)
    html = client.get("/en/accounts/profile/").content.decode()
    assert 'href="/en/solutions/vendor/"' in html and "/en/solutions/shortlist/" not in html
    client.force_login(officer)
    html = client.get("/zh-hant/accounts/profile/").content.decode()
    assert 'href="/zh-hant/solutions/shortlist/"' in html and "/solutions/vendor/" not in html
