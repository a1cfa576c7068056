"""The steps of a Manpower Optimisation report (ReportJob). Not written yet: a report job
fails with a message saying so."""

from typing import Any

from django.utils.translation import gettext as _

from aiplus.core.jobs.models import JobFailed


def figures_step(job: Any) -> dict[str, Any]:
    raise JobFailed(_("Reports cannot be made yet."))


def docx_step(job: Any) -> dict[str, Any]:
    raise JobFailed(_("Reports cannot be made yet."))


def pdf_step(job: Any) -> dict[str, Any]:
    raise JobFailed(_("Reports cannot be made yet."))
