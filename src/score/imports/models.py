"""Job rows for workbook imports and exports and survey CSV imports (STYLE.md, "Jobs,
imports, exports")."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")
    SURVEY_CSV = "survey", _("Survey CSV import")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One import or export: who asked, with what, how far it got and what came out."""

    kind = models.CharField(_("kind"), max_length=8, choices=JobKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    input_file = models.CharField(_("uploaded file"), max_length=500, blank=True)
    input_name = models.CharField(_("file name"), max_length=255, blank=True)
    output_file = models.CharField(_("output file"), max_length=500, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_validated = models.PositiveIntegerField(_("rows validated"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    messages = models.JSONField(_("messages"), default=list, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import/export job")
        verbose_name_plural = _("import/export jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("imports:job_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def is_survey_csv(self) -> bool:
        return self.kind == JobKind.SURVEY_CSV

    @property
    def questionnaire_code(self) -> str:
        """The questionnaire a survey CSV job imports into ("" for other jobs)."""
        return str((self.parameters or {}).get("questionnaire") or "") if self.is_survey_csv else ""

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.rows_total:
            return 100 if self.is_finished else 0
        done = self.rows_validated + self.rows_written
        return min(100, round(100 * done / (2 * self.rows_total)))

    @property
    def summary_text(self) -> str:
        return (self.summary or {}).get("text", "")

    @property
    def sheet_rows(self) -> list[tuple[str, str]]:
        """(sheet, what happened to its rows) for the job page."""
        from django.utils.translation import gettext as _

        rows = []
        for sheet, counts in ((self.summary or {}).get("counts") or {}).items():
            if isinstance(counts, dict):
                text = _("%(c)s created, %(u)s updated, %(n)s unchanged") % {
                    "c": counts.get("created", 0),
                    "u": counts.get("updated", 0),
                    "n": counts.get("unchanged", 0),
                }
            else:
                text = _("%(n)s rows exported") % {"n": counts}
            rows.append((sheet, text))
        return rows
