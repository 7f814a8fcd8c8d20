"""The trainer network: trainers, their status per module, trainer courses (ToT workshops,
supervised ToE cycles, refreshers) with participants and outcomes, and quality reviews.

A trainer may be linked to the User account they log in with (a user with a trainer
membership); classes (``ClassroomSession.trainers``) and visits (``Visit.trainer``)
reference that user, so "delivered a class or visit" is computed through the link.
Statuses move only through the actions in ``score.trainers.actions``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from score.core.models import TimeStampedModel
from score.core.periods import check_range

# Modules a trainer must hold before any other (SCORE.md, "Trainer development"):
# Workplace Cooperation, or a programme's "SCORE Basics" module.
FOUNDATION_MODULE_CODES = ("WC", "BASICS", "SCORE-BASICS")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / not stated")


class Trainer(TimeStampedModel):
    full_name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_(
            "The languages the trainer teaches in, separated by commas, e.g. Chinese, English."
        ),
    )
    country = models.ForeignKey(
        "programmes.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="trainers",
    )
    organisation = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("affiliation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainers",
        help_text=_("The training institution or BDS provider the trainer works for."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainer_profile",
        help_text=_(
            "The account the trainer logs in with; their classes and visits count as "
            "their activity."
        ),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("trainers:trainer_detail", args=[self.pk])


class Level(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    CERTIFIED = "certified", _("Certified")
    EXPERT = "expert", _("Expert")


CERTIFIED_LEVELS = (Level.CERTIFIED, Level.EXPERT)


class TrainerModuleStatus(TimeStampedModel):
    """Where a trainer stands in one module: candidate (trained at a ToT) -> certified
    (after a completed ToE) -> expert (may supervise ToE cycles)."""

    trainer = models.ForeignKey(
        Trainer,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="module_statuses",
    )
    module = models.ForeignKey(
        "training.Module",
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="trainer_statuses",
    )
    level = models.CharField(
        _("status"), max_length=16, choices=Level.choices, default=Level.CANDIDATE
    )
    trained_on = models.DateField(_("trained on"))
    certified_on = models.DateField(_("certified on"), null=True, blank=True)
    expert_on = models.DateField(_("expert since"), null=True, blank=True)
    certifying_organisation = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("certified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainer_certifications",
    )
    expires_on = models.DateField(_("certificate expires on"), null=True, blank=True)
    renewed_on = models.DateField(_("last renewed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("trainer's module status")
        verbose_name_plural = _("trainers' module statuses")
        ordering = ["trainer", "module__order", "module__code"]
        constraints = [
            models.UniqueConstraint(fields=["trainer", "module"], name="trainer_module_unique"),
            models.CheckConstraint(
                name="trainer_status_certified_has_date",
                condition=Q(level="candidate") | Q(certified_on__isnull=False),
            ),
            models.CheckConstraint(
                name="trainer_status_expert_has_date",
                condition=~Q(level="expert") | Q(expert_on__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["module", "level"])]

    def __str__(self):
        return f"{self.trainer} — {self.module}: {self.get_level_display()}"

    def clean(self):
        if self.certified_on and self.trained_on and self.certified_on < self.trained_on:
            raise ValidationError(
                {"certified_on": _("The certification date is before the training date.")}
            )
        if self.expert_on and self.certified_on and self.expert_on < self.certified_on:
            raise ValidationError(
                {"expert_on": _("The expert date is before the certification date.")}
            )

    @property
    def is_expired(self) -> bool:
        """Certified (or expert) with a certificate that ran out before today."""
        return (
            self.level in CERTIFIED_LEVELS
            and self.expires_on is not None
            and self.expires_on < timezone.localdate()
        )

    @property
    def level_today(self) -> str:
        """The status as pages show it: "Certified", or "Certified, expired" once the
        certificate has run out."""
        if self.is_expired:
            return _("%(level)s, expired") % {"level": self.get_level_display()}
        return self.get_level_display()

    def is_valid_on(self, day) -> bool:
        """Certified (or expert) and not expired on ``day``."""
        return (
            self.level in CERTIFIED_LEVELS
            and self.trained_on <= day
            and self.certified_on is not None
            and self.certified_on <= day
            and (self.expires_on is None or self.expires_on >= day)
        )


class CourseKind(models.TextChoices):
    TOT = "tot", _("ToT workshop")
    TOE = "toe", _("Supervised ToE cycle")
    REFRESHER = "refresher", _("Refresher session")


class Course(TimeStampedModel):
    """A ToT workshop, a supervised ToE cycle or a refresher session for one module.

    A ToE cycle has one candidate (its participant), an expert supervisor and the
    candidate's enterprises: their enrolments, and so their baseline, class and visits."""

    kind = models.CharField(_("kind"), max_length=16, choices=CourseKind.choices)
    module = models.ForeignKey(
        "training.Module",
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="trainer_courses",
    )
    title = models.CharField(_("title"), max_length=200)
    country = models.ForeignKey(
        "programmes.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="trainer_courses",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainer_courses",
    )
    organisation = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("organised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainer_courses",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    supervisor = models.ForeignKey(
        Trainer,
        verbose_name=_("supervising expert"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_courses",
    )
    enrolments = models.ManyToManyField(
        "training.Enrolment",
        verbose_name=_("the candidate's enterprises (enrolments)"),
        blank=True,
        related_name="trainer_courses",
    )
    sessions = models.ManyToManyField(
        "training.ClassroomSession",
        verbose_name=_("classes"),
        blank=True,
        related_name="trainer_courses",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("trainer course")
        verbose_name_plural = _("trainer courses")
        ordering = ["-start_date", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="trainer_course_ends_after_start",
                condition=Q(end_date__gte=models.F("start_date")),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainers:course_detail", args=[self.pk])

    def clean(self):
        check_range(self.start_date, self.end_date)
        if self.kind == CourseKind.TOE and self.supervisor_id is None:
            raise ValidationError(
                {"supervisor": _("Choose the expert trainer who supervises this ToE cycle.")}
            )


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not yet known")
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not_completed", _("Did not complete")


class CourseParticipant(TimeStampedModel):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="participants"
    )
    trainer = models.ForeignKey(
        Trainer,
        verbose_name=_("trainer"),
        on_delete=models.PROTECT,
        related_name="course_places",
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField(_("outcome recorded for"), null=True, blank=True)
    recommended = models.BooleanField(
        _("recommended for certification"),
        default=False,
        help_text=_("For a ToE cycle: the supervisor recommends certification."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("course participant")
        verbose_name_plural = _("course participants")
        ordering = ["course", "trainer__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "trainer"], name="trainer_course_participant_unique"
            ),
            models.CheckConstraint(
                name="trainer_course_outcome_has_date",
                condition=Q(outcome="pending") | Q(outcome_on__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.trainer} — {self.course}"


SCORE_RANGE = [MinValueValidator(1), MaxValueValidator(5)]
# The rubric of a quality review: field name -> label. Scores run 1 (poor) to 5 (excellent).
RUBRIC = {
    "score_preparation": _("Preparation"),
    "score_content": _("Content and accuracy"),
    "score_facilitation": _("Facilitation and clarity"),
    "score_engagement": _("Participants' engagement"),
}


class QualityReview(TimeStampedModel):
    """An observed class or visit of a trainer, scored 1-5 on the rubric."""

    trainer = models.ForeignKey(
        Trainer,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="quality_reviews",
    )
    session = models.ForeignKey(
        "training.ClassroomSession",
        verbose_name=_("observed class"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quality_reviews",
    )
    visit = models.ForeignKey(
        "counselling.Visit",
        verbose_name=_("observed visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quality_reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainer_reviews",
    )
    reviewed_on = models.DateField(_("reviewed on"))
    score_preparation = models.PositiveSmallIntegerField(_("preparation"), validators=SCORE_RANGE)
    score_content = models.PositiveSmallIntegerField(
        _("content and accuracy"), validators=SCORE_RANGE
    )
    score_facilitation = models.PositiveSmallIntegerField(
        _("facilitation and clarity"), validators=SCORE_RANGE
    )
    score_engagement = models.PositiveSmallIntegerField(
        _("participants' engagement"), validators=SCORE_RANGE
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("quality review")
        verbose_name_plural = _("quality reviews")
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="quality_review_scores_1_to_5",
                condition=Q(
                    score_preparation__gte=1,
                    score_preparation__lte=5,
                    score_content__gte=1,
                    score_content__lte=5,
                    score_facilitation__gte=1,
                    score_facilitation__lte=5,
                    score_engagement__gte=1,
                    score_engagement__lte=5,
                ),
            ),
        ]

    def __str__(self):
        return f"{self.trainer} — {self.reviewed_on}"

    @property
    def average(self) -> float:
        scores = [getattr(self, name) for name in RUBRIC]
        return round(sum(scores) / len(scores), 1)
