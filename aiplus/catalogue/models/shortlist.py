from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShortlistItem(models.Model):
    """A solution an officer has put on their personal shortlist."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlist_items"
    )
    solution = models.ForeignKey(
        "catalogue.Solution", on_delete=models.CASCADE, related_name="shortlist_items"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-added_at"]
        # For the insights roll-up, which reads one day at a time.
        indexes = [models.Index(fields=["added_at"], name="catalogue_shortlist_added")]
        constraints = [
            models.UniqueConstraint(fields=["user", "solution"], name="unique_shortlist_item")
        ]
        verbose_name = _("shortlisted solution")
        verbose_name_plural = _("shortlisted solutions")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.solution_id}"
