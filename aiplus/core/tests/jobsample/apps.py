from django.apps import AppConfig


class JobSampleConfig(AppConfig):
    """A job model used only by the tests of aiplus.core.jobs (installed by test settings)."""

    name = "aiplus.core.tests.jobsample"
    label = "jobsample"
