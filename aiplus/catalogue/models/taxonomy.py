"""Editable taxonomies: what a solution helps with (tasks, grouped under goals) and the AI
capability it uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aiplus.core.translated import TranslatedField


class Task(models.Model):
    """A goal ("Run meetings") when `parent` is empty, else a task under it ("Transcribe
    discussions")."""

    name = TranslatedField(models.CharField, verbose_name=_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        limit_choices_to={"parent__isnull": True},
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"{self.parent.name} → {self.name}" if self.parent_id and self.parent else self.name


class Capability(models.Model):
    name = TranslatedField(models.CharField, verbose_name=_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("AI capability")
        verbose_name_plural = _("AI capabilities")

    def __str__(self) -> str:
        return self.name
