"""The advisors' queue filters, read from and written back to the URL."""

from dataclasses import dataclass

from django.http import QueryDict

from aiplus.advice.workflow import Status
from aiplus.core.listing import QueryFilters
from aiplus.core.params import clean_text

ASSIGNED_CHOICES = ("me", "nobody")
ALL = "all"  # the status filter's value for every status, closed ones included


@dataclass(frozen=True)
class QueueFilters(QueryFilters):
    query: str = ""  # unused: the queue has no text search, the base class expects it
    status: str = ""  # "" open requests, a status, or "all"
    assigned: str = ""  # "", "me" or "nobody"
    organisation: str = ""  # an organisation code
    overdue: bool = False

    @classmethod
    def from_querydict(cls, params: QueryDict) -> "QueueFilters":
        status = params.get("status", "")
        assigned = params.get("assigned", "")
        return cls(
            status=status if status in (*Status.values, ALL) else "",
            assigned=assigned if assigned in ASSIGNED_CHOICES else "",
            organisation=clean_text(params.get("organisation"), max_length=20),
            overdue=params.get("overdue") == "1",
        )

    def as_params(self) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        if self.status:
            params.append(("status", self.status))
        if self.assigned:
            params.append(("assigned", self.assigned))
        if self.organisation:
            params.append(("organisation", self.organisation))
        if self.overdue:
            params.append(("overdue", "1"))
        return params
