"""Demo catalogue: the task taxonomy, AI capabilities, demo vendors and their solutions."""

from collections.abc import Callable

from aiplus.accounts.models import Organisation
from aiplus.catalogue.demo_data import CAPABILITIES, GOALS, SOLUTIONS, VENDORS
from aiplus.catalogue.models import Capability, Solution, Task
from aiplus.catalogue.models.choices import DEPLOYMENT_FLAGS, LANGUAGE_FLAGS
from aiplus.core.translated import pick_translations


def load_taxonomy() -> None:
    for goal_order, (slug, name, name_zh, tasks) in enumerate(GOALS):
        goal, _ = Task.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_zh_hant": name_zh, "sort_order": goal_order}
        )
        for order, (task_slug, task_name, task_zh) in enumerate(tasks):
            Task.objects.update_or_create(
                slug=task_slug,
                defaults={
                    "name": task_name,
                    "name_zh_hant": task_zh,
                    "parent": goal,
                    "sort_order": order,
                },
            )
    for order, (slug, name, name_zh) in enumerate(CAPABILITIES):
        Capability.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_zh_hant": name_zh, "sort_order": order}
        )


def load(*, log: Callable[[str], None]) -> None:
    load_taxonomy()
    for code, name, name_zh in VENDORS:
        Organisation.objects.update_or_create(
            code=code,
            defaults={"kind": Organisation.Kind.COMPANY, "name": name, "name_zh_hant": name_zh},
        )
    for item in SOLUTIONS:
        values = {
            **pick_translations(item, Solution),
            "vendor": Organisation.objects.get(code=item["vendor"]),
            "max_classification": item["classification"],
            "maturity": item["maturity"],
            "price_model": item["price"],
            "contact_name": "Demo sales team",
            "contact_email": f"sales@{item['slug']}.demo.invalid",
            "live": True,
        }
        for key, (field, _label) in LANGUAGE_FLAGS.items():
            values[field] = key in item["languages"]
        for key, (field, _label) in DEPLOYMENT_FLAGS.items():
            values[field] = key in item["deployments"]
        solution, _ = Solution.objects.update_or_create(slug=item["slug"], defaults=values)
        solution.tasks.set(Task.objects.filter(slug__in=item["tasks"]))
        solution.capabilities.set(Capability.objects.filter(slug__in=item["capabilities"]))
        solution.organisations_using.set(Organisation.objects.filter(code__in=item["users"]))
        solution.save()
        if solution.latest_revision is None:
            solution.save_revision().publish()
    log(f"{len(SOLUTIONS)} solutions from {len(VENDORS)} demo vendors")
