"""The module catalogue and each enterprise's enrolment in a module.

Classroom sessions and attendance live here too; in-factory visits, improvement teams and
projects live in ``score.counselling``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from score.core.models import TimeStampedModel
from score.core.periods import check_range
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

    def get_absolute_url(self):
        return reverse("training:module_detail", args=[self.pk])

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
        return reverse("training:enrolment_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status not in (EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED)


# Guidance for a class (SCORE.md, "How a module is delivered"): shown, never enforced.
RECOMMENDED_ENTERPRISES = (4, 5)
RECOMMENDED_MANAGERS = 2
RECOMMENDED_WORKERS = 2
MANAGER_ROLES = ("owner", "manager")
MAX_SESSION_DAYS = 31


class ClassroomSession(TimeStampedModel):
    """One class of a module: its days, venue or link, trainers and the enrolments (so the
    enterprises) taking part. Participants are people of those enterprises."""

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="classroom_sessions",
    )
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=32,
        blank=True,
        validators=[code_validator],
        help_text=_("Optional reference, e.g. CN-P1-WC-03."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    is_online = models.BooleanField(_("online"), default=False)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    provider = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("training provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="classroom_sessions",
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="classroom_sessions",
    )
    enrolments = models.ManyToManyField(
        Enrolment, verbose_name=_("enrolments"), blank=True, related_name="sessions"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("classroom session")
        verbose_name_plural = _("classroom sessions")
        ordering = ["-start_date", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="session_ends_after_start", condition=Q(end_date__gte=models.F("start_date"))
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="session_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["programme", "start_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.pk])

    def clean(self):
        check_range(self.start_date, self.end_date)
        if self.is_online and not self.online_link:
            raise ValidationError(
                {"online_link": _("Give the link participants use to join the online class.")}
            )
        if not self.is_online and not self.venue.strip():
            raise ValidationError(
                {"venue": _("Say where the class takes place, or tick “online” and give a link.")}
            )


class SessionDay(models.Model):
    """A day on which the class meets; attendance is taken per day."""

    session = models.ForeignKey(
        ClassroomSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("session day")
        verbose_name_plural = _("session days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="session_day_unique")
        ]

    def __str__(self):
        return f"{self.session} — {self.date}"


class Participant(models.Model):
    """A person of one of the session's enterprises who takes part in the class."""

    session = models.ForeignKey(
        ClassroomSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        "enterprises.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="session_places",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["person__enterprise__name", "person__role", "person__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="participant_unique")
        ]

    def __str__(self):
        return f"{self.person} — {self.session}"


class Attendance(models.Model):
    """Whether a participant was present on one day of the class."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    day = models.ForeignKey(
        SessionDay, verbose_name=_("day"), on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["participant", "day"], name="attendance_unique")
        ]

    def __str__(self):
        return f"{self.participant} — {self.day.date}: {self.present}"
