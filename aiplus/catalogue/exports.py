from typing import Any

from aiplus.catalogue.models import Solution
from aiplus.catalogue.models.choices import DEPLOYMENT_FLAGS, LANGUAGE_FLAGS, flags_on
from aiplus.core.listing import ExportSpec
from aiplus.core.translated import translated_values, variants


def _record(solution: Solution) -> dict[str, Any]:
    return {
        "slug": solution.slug,
        **translated_values(solution, "name", simplified=False),
        "vendor": solution.vendor.name,
        **translated_values(solution, "summary", simplified=False),
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


SOLUTION_EXPORT = ExportSpec[Solution](
    columns=[
        "slug",
        *variants("name", simplified=False),
        "vendor",
        *variants("summary", simplified=False),
        "tasks",
        "capabilities",
        "languages",
        "deployment",
        "max_classification",
        "maturity",
        "price_model",
        "website",
        "bureaux_and_departments_using",
    ],
    record=_record,
    prefetch=("tasks", "capabilities", "organisations_using"),
)
