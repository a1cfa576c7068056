"""Figures link to the records behind them."""

import re

import pytest

from aiplus.cases.tests.factories import StoryFactory
from aiplus.insights.rollup import roll_up_day
from aiplus.insights.tests.conftest import DAY, at

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
    stories = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "Ours" in stories and "Theirs" not in stories
