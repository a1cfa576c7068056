from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from aiplus.catalogue.models import Solution
from aiplus.catalogue.models.choices import DEPLOYMENT_FLAGS, LANGUAGE_FLAGS, flags_on

SOLUTION_COLUMNS = [
    "slug",
    "name",
    "name_zh_hant",
    "vendor",
    "summary",
    "summary_zh_hant",
    "tasks",
    "capabilities",
    "languages",
    "deployment",
    "max_classification",
    "maturity",
    "price_model",
    "website",
    "bureaux_and_departments_using",
]


def solution_records(solutions: QuerySet[Solution]) -> Iterator[dict[str, Any]]:
    rows = solutions.prefetch_related("tasks", "capabilities", "organisations_using")
    for solution in rows.iterator(chunk_size=500):
        yield {
            "slug": solution.slug,
            "name": solution.name,
            "name_zh_hant": solution.name_zh_hant,
            "vendor": solution.vendor.name,
            "summary": solution.summary,
            "summary_zh_hant": solution.summary_zh_hant,
            "tasks": "; ".join(task.name for task in solution.tasks.all()),
            "capabilities": "; ".join(c.name for c in solution.capabilities.all()),
            "languages": "; ".join(key for key, _label in flags_on(solution, LANGUAGE_FLAGS)),
            "deployment": "; ".join(key for key, _label in flags_on(solution, DEPLOYMENT_FLAGS)),
            "max_classification": solution.get_max_classification_display(),
            "maturity": solution.maturity,
            "price_model": solution.price_model,
            "website": solution.website,
            "bureaux_and_departments_using": "; ".join(
                o.code for o in solution.organisations_using.all()
            ),
        }
