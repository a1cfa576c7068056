"""Figures link to the records behind them."""

import re

import pytest

from aiplus.advice import services as advice
from aiplus.cases.tests.factories import StoryFactory
from aiplus.catalogue.tests.factories import SolutionFactory
from aiplus.insights.rollup import roll_up_day
from aiplus.insights.tests.conftest import DAY, at
from aiplus.meetings.models import Meeting, Minutes
from aiplus.resources.models import Download, Resource
from aiplus.resources.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_a_bds_stories_figure_links_to_its_stories(client, dept_officer, department, other):
    for organisation, title in ((department, "Ours"), (other, "Theirs")):
        story = StoryFactory(title=title, organisation=organisation)
        type(story).objects.filter(pk=story.pk).update(first_published_at=at())
    roll_up_day(DAY)
    client.force_login(dept_officer)
    page = client.get("/en/insights/bd/TD-D/?period=year&year=2025").content.decode()
    link = re.search(r'href="([^"]+)">Success stories published<', page)
    assert link is not None
    figure = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    records = re.search(r'href="([^"]+)">List the records behind', figure)
    assert records is not None
    stories = client.get(records.group(1).replace("&amp;", "&")).content.decode()
    assert "Ours" in stories and "Theirs" not in stories


def _records(page: str) -> str:
    """The page's main content (after the header's links)."""
    return page[page.index("<h1") :]


def test_advice_requests_behind_a_figure_are_listed_for_whoever_may_read_them(
    client, dept_officer, other_officer, advisor
):
    ours = advice.submit_request(requester=dept_officer, title="Forms by hand", workflow="-")
    theirs = advice.submit_request(requester=other_officer, title="Letters by post", workflow="-")
    for request in (ours, theirs):
        type(request).objects.filter(pk=request.pk).update(submitted_at=at())
    roll_up_day(DAY)
    url = "/en/insights/figures/advice_opened/records/?period=year&year=2025"

    client.force_login(dept_officer)
    mine = _records(client.get(f"{url}&bd=TD-D").content.decode())
    assert "Forms by hand" in mine and "Letters by post" not in mine
    assert f'href="{ours.get_absolute_url()}"' in mine
    assert client.get(f"{url}&bd=OB-B").status_code == 404

    client.force_login(advisor)
    every = _records(client.get(url).content.decode())
    assert "Forms by hand" in every and "Letters by post" in every
    assert "2 records" in every
    outside = _records(client.get(url.replace("2025", "2024")).content.decode())
    assert "Forms by hand" not in outside and "No records in this period." in outside


def test_downloads_of_a_resource_the_reader_may_not_open_are_counted_not_named(
    client, dept_officer, department
):
    public = ResourceFactory(title="Open guide")
    restricted = ResourceFactory(title="Secret plan", visibility=Resource.Visibility.RESTRICTED)
    for resource, times in ((public, 2), (restricted, 3)):
        for _ in range(times):
            Download.objects.create(resource=resource, organisation=department, at=at())
    client.force_login(dept_officer)
    page = _records(
        client.get(
            "/en/insights/figures/downloads/records/?period=year&year=2025&bd=TD-D"
        ).content.decode()
    )
    assert "Open guide" in page and "Secret plan" not in page
    assert re.search(r"Open guide</a></th>\s*<td>2</td>", page)
    assert "3 of them are in events or resources you cannot open." in page


def test_minutes_figures_name_no_meeting(client, dept_officer):
    meeting = Meeting.objects.create(
        owner=dept_officer, title="Budget talks", held_on=DAY, source="transcript"
    )
    Minutes.objects.create(meeting=meeting, text="-", status="approved", approved_at=at())
    roll_up_day(DAY)
    client.force_login(dept_officer)
    page = client.get(
        "/en/insights/figures/minutes_approved/?period=year&year=2025&bd=TD-D"
    ).content.decode()
    assert "Budget talks" not in page
    assert "shown by bureau or department and by day only" in _records(page)
    assert "List the records behind" not in page
    records = "/en/insights/figures/minutes_approved/records/?period=year&year=2025&bd=TD-D"
    assert client.get(records).status_code == 404


def test_solutions_in_use_link_to_the_catalogue_narrowed_to_the_bd(
    client, bureau_officer, department
):
    solution = SolutionFactory(name="Hotline bot")
    solution.organisations_using.add(department)
    solution.save()  # a parental relation is written on save
    client.force_login(bureau_officer)
    page = client.get("/en/insights/bd/TB-B/?period=year&year=2025").content.decode()
    link = re.search(r'href="([^"]+)">Catalogue solutions in use now<', page)
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    assert "used_by=TB-B" in url and "used_by=TD-D" in url
    assert "Hotline bot" in client.get(url).content.decode()
