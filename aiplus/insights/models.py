"""The manpower figures' tables: one row per day (and, kept in step, per month) per metric,
bureau or department and, where it matters, catalogue solution. They are written only by the
roll-up (`rollup.py`), which replaces a day's rows as a whole, so running it twice for a day
counts nothing twice. Pages read these tables, never the raw activity.

Also here: officers' one-click answers to "about how much time did this save you?", the
assumptions behind the estimates, and the report job."""

from collections.abc import Sequence

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from aiplus.core.jobs.models import Job, Step


def _figure_constraints(period: str, prefix: str) -> list[models.BaseConstraint]:
    # Two partial unique indexes, because NULL never equals NULL: one for rows about a
    # solution, one for rows that are not.
    return [
        models.UniqueConstraint(
            fields=[period, "metric", "organisation", "solution"],
            condition=models.Q(solution__isnull=False),
            name=f"{prefix}_one_row_per_solution",
        ),
        models.UniqueConstraint(
            fields=[period, "metric", "organisation"],
            condition=models.Q(solution__isnull=True),
            name=f"{prefix}_one_row",
        ),
    ]


class Figure(models.Model):
    metric = models.CharField(_("figure"), max_length=40)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("bureau or department"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # No index of its own: most rows have no solution, and an index on it tempts SQLite's
    # planner away from the day indexes (the unique indexes below serve solution lookups).
    solution = models.ForeignKey(
        "catalogue.Solution",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    value = models.FloatField(_("value"), default=0.0)
    count = models.PositiveIntegerField(_("records"), default=0)

    class Meta:
        abstract = True


class DailyFigure(Figure):
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        constraints = _figure_constraints("day", "insights_daily")
        indexes = [
            models.Index(fields=["day", "metric"], name="insights_daily_day"),
            models.Index(fields=["organisation", "day"], name="insights_daily_org"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric} {self.organisation_id}: {self.value} ({self.count})"


class MonthlyFigure(Figure):
    """The month's total of the daily rows, rebuilt whenever one of its days is rolled up, so
    that a year or twenty years read a few thousand rows, not a million."""

    month = models.DateField(_("month"))  # the first day of the month

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        constraints = _figure_constraints("month", "insights_monthly")
        indexes = [
            models.Index(fields=["month", "metric"], name="insights_monthly_month"),
            models.Index(fields=["organisation", "month"], name="insights_monthly_org"),
            # Covering, so a period's sums read the index alone (the columns the queries
            # name, `solution` too, must all be in it for SQLite to skip the table).
            models.Index(
                fields=["month", "metric", "organisation", "solution", "value", "count"],
                condition=models.Q(solution__isnull=True),
                name="insights_monthly_bd_sums",
            ),
            models.Index(
                fields=["month", "metric", "solution", "organisation", "value", "count"],
                condition=models.Q(solution__isnull=False),
                name="insights_monthly_solution_sums",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.metric} {self.organisation_id}: {self.value}"


class RollUp(models.Model):
    """When each day was last rolled up, and how long it took."""

    day = models.DateField(_("day"), unique=True)
    rows = models.PositiveIntegerField(_("rows written"), default=0)
    seconds = models.FloatField(_("seconds taken"), default=0.0)
    finished_at = models.DateTimeField(_("finished"), default=timezone.now)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("roll-up")
        verbose_name_plural = _("roll-ups")

    def __str__(self) -> str:
        return f"{self.day}: {self.rows} rows"


class TimeSavedAnswer(models.Model):
    """An officer's one-click answer to "about how much time did this save you?" about a piece
    of the hub's work (an advice request closed, later an assistant enquiry). One answer per
    person and subject: answering again replaces it. Smart Minutes keeps its own answer on the
    minutes (`Minutes.reported_minutes_saved`), which the roll-up reads there."""

    class Subject(models.TextChoices):
        ADVICE = "advice", _("Advice request")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_saved_answers"
    )
    # The answerer's B/D when they answered: the figure stays with it if they move.
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("about"), max_length=20, choices=Subject.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    minutes = models.PositiveIntegerField(_("minutes saved"))
    answered_at = models.DateTimeField(_("answered"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("time-saved answer")
        verbose_name_plural = _("time-saved answers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "subject", "object_id"], name="insights_one_answer_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.object_id}: {self.minutes} min"


@register_setting(icon="time")
class InsightsSettings(BaseGenericSetting):
    """The assumptions behind the estimated figures. Every figure computed with them is
    labelled as an estimate. (Smart Minutes' own assumption, minutes of writing per hour of
    meeting, is with its settings; each assistant has its minutes saved per enquiry.)"""

    hours_saved_per_advice_request = models.FloatField(
        _("hours of a B/D's own research saved by each advice request DPO advises on"),
        default=16.0,
        help_text=_("Used for the estimated time DPO's advice saves. Shown as an estimate."),
    )

    class Meta:
        verbose_name = _("Manpower insights assumptions")


class ReportJob(Job):
    """A "Manpower Optimisation" report for a period, overall or for one B/D, in English or
    Traditional Chinese, as DOCX and PDF; kept in the resource library as restricted."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        CHINESE = "zh-hant", _("Traditional Chinese")

    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ENGLISH
    )
    docx = models.ForeignKey(
        "resources.Resource", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.ForeignKey(
        "resources.Resource", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("manpower report")
        verbose_name_plural = _("manpower reports")

    def __str__(self) -> str:
        return f"{self.start}–{self.end} {self.organisation_id or 'all'} {self.language}"

    def steps(self) -> Sequence[Step]:
        from aiplus.insights import reports

        return [
            Step("figures", reports.figures_step, _("Reading the figures")),
            Step("docx", reports.docx_step, _("Writing the Word document")),
            Step("pdf", reports.pdf_step, _("Writing the PDF")),
        ]

    def user_can_view(self, user) -> bool:
        from aiplus.insights.permissions import user_can_view_organisation

        return user_can_view_organisation(user, self.organisation)
