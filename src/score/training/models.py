"""The module catalogue and each enterprise's enrolment in a module.

Classroom sessions and attendance live here too; in-factory visits, improvement teams and
projects live in ``score.counselling``."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from score.core.models import TimeStampedModel
from score.programmes.models import code_validator

WORKPLACE_COOPERATION = "WC"


class Module(TimeStampedModel):
    """A training module. The five core modules are seeded by a data migration; programmes
    may add their own (``programme`` set), which only that programme offers."""

    code = models.CharField(_("code"), max_length=16, unique=True, validators=[code_validator])
    name = models.CharField(_("name (English)"), max_length=120)
    name_translations = models.JSONField(
        _("name in other languages"),
        default=dict,
        blank=True,
        help_text=_('Language code to name, e.g. {"zh-hans": "工作场所合作"}.'),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    classroom_days = models.PositiveSmallIntegerField(
        _("standard classroom days"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    followup_visits = models.PositiveSmallIntegerField(
        _("standard follow-up visits"), default=3, validators=[MaxValueValidator(20)]
    )
    prerequisites = models.ManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        symmetrical=False,
        blank=True,
        related_name="unlocks",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("offered only in programme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_modules",
        help_text=_("Leave empty for modules of the global catalogue."),
    )
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["order", "code"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        language = (get_language() or "en").lower()
        return self.name_translations.get(language) or self.name

    @property
    def is_workplace_cooperation(self) -> bool:
        return self.code == WORKPLACE_COOPERATION


class EnrolmentStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    BASELINE_DONE = "baseline_done", _("Baseline done")
    CLASSROOM_DONE = "classroom_done", _("Classroom done")
    VISITS_DONE = "visits_done", _("Follow-up visits done")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped")


# Statuses that count as "under way" for the Workplace Cooperation prerequisite.
UNDER_WAY = (
    EnrolmentStatus.BASELINE_DONE,
    EnrolmentStatus.CLASSROOM_DONE,
    EnrolmentStatus.VISITS_DONE,
    EnrolmentStatus.COMPLETED,
)


class Enrolment(TimeStampedModel):
    """An enterprise taking one module within a programme. Its status moves only through
    the actions in ``score.training.actions`` (one per transition)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="enrolments"
    )
    provider = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("training provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.REGISTERED,
    )
    registered_on = models.DateField(_("registered on"))
    baseline_on = models.DateField(_("baseline done on"), null=True, blank=True)
    classroom_on = models.DateField(_("classroom done on"), null=True, blank=True)
    visits_done_on = models.DateField(_("visits done on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    dropped_on = models.DateField(_("dropped on"), null=True, blank=True)
    dropped_reason = models.TextField(_("reason for dropping"), blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["enterprise", "module__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "programme", "module"], name="enrolment_unique"
            ),
            models.CheckConstraint(
                name="enrolment_dropped_has_reason",
                condition=~Q(status="dropped") | ~Q(dropped_reason=""),
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self):
        return f"{self.enterprise} — {self.module}"

    def get_absolute_url(self):
        return reverse("enterprises:enterprise_detail", args=[self.enterprise_id])

    @property
    def is_open(self) -> bool:
        return self.status not in (EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED)
