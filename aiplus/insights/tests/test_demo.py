import pytest

from aiplus.insights import demo
from aiplus.insights.models import DailyFigure, RollUp

pytestmark = pytest.mark.django_db


def test_the_demo_loader_rolls_up_and_can_run_twice(dept_officer):
    from aiplus.resources.models import Download
    from aiplus.resources.tests.factories import ResourceFactory

    Download.objects.create(resource=ResourceFactory(), organisation=dept_officer.organisation)
    demo.load(log=lambda line: None)
    rows = DailyFigure.objects.count()
    assert rows and RollUp.objects.count() >= 91
    demo.load(log=lambda line: None)
    assert DailyFigure.objects.count() == rows
