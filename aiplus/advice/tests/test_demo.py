import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_demo_requests_load_once_in_several_statuses():
    from aiplus.accounts import demo as accounts_demo
    from aiplus.advice import demo
    from aiplus.advice.models import AdviceRequest
    from aiplus.advice.timing import timing
    from aiplus.catalogue import demo as catalogue_demo

    accounts_demo.load(log=lambda line: None)
    catalogue_demo.load(log=lambda line: None)
    demo.load(log=lambda line: None)
    demo.load(log=lambda line: None)
    requests = list(AdviceRequest.objects.prefetch_related("status_changes"))
    assert len(requests) == 4
    assert {r.status for r in requests} == {"submitted", "in_progress", "awaiting_bd", "closed"}
    late = {r.pk for r in requests if timing(r).overdue}
    assert late
    # The demo dates its history back after the moves; the stored overdue day follows.
    assert late == set(
        AdviceRequest.objects.filter(overdue_from__lte=timezone.localdate()).values_list(
            "pk", flat=True
        )
    )
    assert all(r.messages.exists() for r in requests if r.status != "submitted")
