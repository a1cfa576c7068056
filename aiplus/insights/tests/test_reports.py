"""A Manpower Optimisation report through its job: DOCX and PDF kept as restricted resources,
in English and Traditional Chinese; officers only for their own B/D."""

import io

import docx
import pytest
from pypdf import PdfReader

from aiplus.core.jobs.runner import run_job
from aiplus.insights.models import ReportJob
from aiplus.insights.rollup import rebuild_month
from aiplus.insights.tests.conftest import DAY
from aiplus.insights.tests.test_dashboard import figure
from aiplus.resources.selectors import visible_resources

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Headline figures"), ("zh-hant", "主要數字")]
)
def test_a_report_job_writes_docx_and_pdf_into_the_library(
    client, dept_officer, other_officer, advisor, department, language, heading
):
    figure(department, count=7)
    rebuild_month(DAY.replace(day=1))
    client.force_login(dept_officer)
    response = client.post(
        "/en/insights/reports/",
        {"bd": "TD-D", "from": "2025-01-01", "to": "2025-12-31", "language": language},
    )
    job = ReportJob.objects.get()
    assert response["Location"].endswith(f"/insights/reports/{job.pk}/")
    job = run_job(ReportJob, job.pk)
    assert job is not None and job.status == "done", job.error
    job.refresh_from_db()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(job.docx.file.read())).paragraphs)
    assert heading in text and "2025-01-01" in text
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(job.pdf.file.read())).pages)
    assert heading in pdf
    assert job.pdf.visibility == "restricted"
    for user, sees in ((dept_officer, True), (advisor, True), (other_officer, False)):
        assert visible_resources(user).filter(pk=job.pdf.pk).exists() is sees
    assert client.get(f"/en/insights/reports/{job.pk}/").status_code == 200
    client.force_login(other_officer)
    assert client.get(f"/en/insights/reports/{job.pk}/").status_code == 404


def test_an_officer_cannot_report_on_another_bd_or_the_future(client, dept_officer):
    client.force_login(dept_officer)
    for data in (
        {"bd": "OB-B", "from": "2025-01-01", "to": "2025-12-31", "language": "en"},
        {"bd": "", "from": "2025-01-01", "to": "2025-12-31", "language": "en"},
    ):
        assert client.post("/en/insights/reports/", data).status_code in (403, 404)
    client.post(
        "/en/insights/reports/",
        {"bd": "TD-D", "from": "2099-01-01", "to": "2099-12-31", "language": "en"},
    )
    client.post("/en/insights/reports/", {"bd": "TD-D", "from": "x", "to": "", "language": "en"})
    assert not ReportJob.objects.exists()
    assert client.get("/en/insights/reports/").status_code == 200
