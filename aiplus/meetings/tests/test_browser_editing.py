"""Smart Minutes pages added after the first browser pass, in headless Chromium and checked
with axe-core like every other page of the hub (see aiplus/core/tests/test_browser.py): the
minutes templates (list, new, edit with its two actions side by side, and the form sent back
with its errors), and draft minutes with comments, the form to write one section again and
that job's progress or failure."""

import pytest

from aiplus.core.tests.test_browser import (  # noqa: F401 (fixtures)
    browser,
    check_page,
    describe,
    page,
    run_axe,
    sign_in,
    site,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_here(page) -> None:  # noqa: F811
    """axe-core on the page as it stands (after a form was sent), no new request."""
    violations = run_axe(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"
    errors = [e for e in page.console_errors if "404" not in e]
    assert errors == [], f"{page.url}: {errors}"


def test_minutes_templates_pages(site, page):  # noqa: F811
    from aiplus.accounts.models import User
    from aiplus.meetings import services
    from aiplus.meetings.models import MinutesTemplate

    officer = User.objects.get(username="officer")
    template = services.save_template(
        user=officer,
        name="Risk review",
        language="en",
        sections=[
            {"title": "Decisions", "instruction": "every decision, with who made it"},
            {"title": "Risks", "instruction": "risks raised and who owns them"},
        ],
        shared=True,
    )
    sign_in(page, site, "officer")
    for language in ("en", "zh-hant"):
        check_page(page, f"{site}/{language}/meetings/templates/")
        check_page(page, f"{site}/{language}/meetings/templates/new/")
        check_page(page, f"{site}/{language}/meetings/templates/{template.pk}/")
    page.goto(f"{site}/en/meetings/templates/new/")
    page.get_by_role("button", name="Save the template").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary, [role=alert]").count() > 0
    check_here(page)
    # Save and Delete sit side by side in one row; Delete sends its own form.
    page.goto(f"{site}/en/meetings/templates/{template.pk}/")
    save = page.get_by_role("button", name="Save the template").bounding_box()
    delete = page.get_by_role("button", name="Delete the template").bounding_box()
    assert save and delete and delete["y"] == save["y"] and delete["x"] > save["x"] + save["width"]
    page.get_by_role("button", name="Delete the template").click()
    page.wait_for_url(f"{site}/en/meetings/templates/")
    assert not MinutesTemplate.objects.filter(pk=template.pk).exists()


def test_draft_minutes_with_comments_and_a_section_written_again(site, page):  # noqa: F811
    from aiplus.accounts.models import User
    from aiplus.meetings import drafting, layout, services
    from aiplus.meetings.models import Meeting, Minutes, MinutesJob
    from aiplus.meetings.regenerate import regenerable

    officer = User.objects.get(username="officer")
    meeting = Meeting.objects.get(owner=officer)
    draft = drafting.Draft(
        points=[drafting.Item("The backlog fell to five hundred e-mails.", [2], agenda_item=1)],
        decisions=[drafting.Item("The pilot uses anonymised questions only.", [10], 2)],
        actions=[drafting.Item("Draft standard replies", [4, 5], owner="Lee Ka-yan", due="Fri")],
    )
    sign_in(page, site, "officer")
    for language in ("en", "zh-hant"):
        text = layout.render(meeting, draft, template="formal", language=language)
        minutes = Minutes.objects.create(
            meeting=meeting, language=language, text=text, status=Minutes.Status.DRAFT
        )
        section = regenerable(minutes)[0]
        services.add_comment(minutes=minutes, user=officer, text="Shorter, please.")
        done = services.add_comment(
            minutes=minutes, user=officer, text="Check the figure.", section=section
        )
        services.resolve_comment(comment=done, user=officer)
        address = f"{site}/{language}/meetings/{meeting.uid}/minutes/{minutes.pk}/"
        check_page(page, address)  # comments, the form to write a section again
        assert page.locator("#section-again").count() == 1
        assert page.locator(".comment").count() == 2
        assert page.locator(".comment--resolved").count() == 1
        job = MinutesJob.objects.create(minutes=minutes, started_by=officer, section=section)
        check_page(page, address)  # the job's progress
        assert page.locator(f"#job-{job.pk} progress").count() == 1
        MinutesJob.objects.filter(pk=job.pk).update(
            status=MinutesJob.Status.FAILED, error="That section is no longer in the draft."
        )
        check_page(page, address)  # and its failure
