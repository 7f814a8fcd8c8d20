"""In-factory counselling: visits, Enterprise Improvement Teams (EITs) with their members and
meetings, and the improvement projects those teams carry out between visits.

Every write goes through ``score.counselling.actions``; visibility is decided in
``score.accounts.scopes`` (``visits_visible_to``, ``eits_visible_to``, ``projects_visible_to``).
"""

import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from PIL import Image

from score.core.models import TimeStampedModel
from score.core.money import CURRENCY_CHOICES

# --- Photos -----------------------------------------------------------------------------

# Extension → the kind of file its first bytes must show. Browsers on phones convert HEIC
# photos to JPEG when the file input accepts only these types.
PHOTO_EXTENSIONS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp"}
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


def max_photo_bytes() -> int:
    return int(getattr(settings, "SCORE_MAX_PHOTO_MB", 10)) * 1024 * 1024


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def validate_photo(file) -> None:
    """A photo must be a JPEG, PNG or WebP file (by name and by content) of at most
    ``SCORE_MAX_PHOTO_MB`` megabytes."""
    name = Path(file.name or "").name
    expected = PHOTO_EXTENSIONS.get(Path(name).suffix.lower())
    if expected is None:
        raise ValidationError(
            _("%(name)s is not a photo this platform takes. Upload a JPEG, PNG or WebP image."),
            params={"name": name},
            code="photo_type",
        )
    limit = max_photo_bytes()
    if file.size > limit:
        raise ValidationError(
            _("%(name)s is larger than %(mb)s MB. Upload a smaller photo."),
            params={"name": name, "mb": limit // (1024 * 1024)},
            code="photo_size",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if _sniff(head) != expected or not _is_whole_image(file, expected):
        raise ValidationError(
            _("%(name)s is not a valid image file. Upload the photo again as JPEG, PNG or WebP."),
            params={"name": name},
            code="photo_content",
        )


def _is_whole_image(file, expected: str) -> bool:
    """Whether Pillow reads the file as an image of the ``expected`` kind and finds its data
    intact (first bytes that look right, followed by anything else, do not pass)."""
    try:
        with Image.open(file) as image:
            kind = (image.format or "").lower()
            image.verify()
    except Exception:  # Pillow raises many kinds (UnidentifiedImageError, SyntaxError, ...)
        return False
    finally:
        file.seek(0)
    return kind == expected


def _photo_name(folder: str, filename: str) -> str:
    return f"counselling/{folder}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def visit_photo_path(instance, filename: str) -> str:
    return _photo_name("visits", filename)


def project_photo_path(instance, filename: str) -> str:
    return _photo_name("projects", filename)


class Photo(models.Model):
    """A photo stored under MEDIA_ROOT and served only through a view that checks scope."""

    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.caption or Path(self.file.name).name

    @property
    def content_type(self) -> str:
        kind = PHOTO_EXTENSIONS.get(Path(self.file.name).suffix.lower(), "jpeg")
        return f"image/{kind}"


# --- Visits -----------------------------------------------------------------------------


class VisitKind(models.TextChoices):
    # "Baseline" and "Follow-up" also name measurement and survey waves; the context lets a
    # translation say "baseline visit" here.
    BASELINE = "baseline", pgettext_lazy("visit type", "Baseline")
    FOLLOW_UP = "follow_up", pgettext_lazy("visit type", "Follow-up")
    FINAL = "final", _("Final")


# Visits that count towards a module's standard number of follow-up visits.
FOLLOW_UP_KINDS = (VisitKind.FOLLOW_UP, VisitKind.FINAL)


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


MAX_VISIT_HOURS = Decimal(24)


def validate_visit_hours(value) -> None:
    if value is not None and not (0 < value <= MAX_VISIT_HOURS):
        raise ValidationError(
            _(
                "Enter the hours spent at the enterprise as a number above 0 and at most 24, "
                "e.g. 3.5."
            ),
            code="hours_range",
        )


class Visit(TimeStampedModel):
    """A trainer's in-factory counselling visit to an enterprise for one enrolment.

    Planned visits have a planned date; done visits a date done, hours and what was found
    and agreed. ``sequence`` numbers the enrolment's visits of one type (follow-up 1, 2, 3)."""

    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    kind = models.CharField(_("type"), max_length=16, choices=VisitKind.choices)
    sequence = models.PositiveSmallIntegerField(_("number"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    done_on = models.DateField(_("date"), null=True, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_visit_hours],
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counselling_visits",
    )
    eit_took_part = models.BooleanField(_("the improvement team took part"), default=False)
    findings = models.TextField(_("findings"), blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-done_on", "-planned_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="visit_done_has_date_and_hours",
                condition=~Q(status="done") | Q(done_on__isnull=False, hours__isnull=False),
            ),
            models.CheckConstraint(
                name="visit_planned_has_date",
                condition=~Q(status="planned") | Q(planned_on__isnull=False),
            ),
            models.CheckConstraint(
                name="visit_hours_in_range",
                condition=Q(hours__isnull=True) | Q(hours__gt=0, hours__lte=24),
            ),
            models.UniqueConstraint(
                fields=["enrolment", "kind", "sequence"],
                condition=~Q(status="cancelled"),
                name="visit_number_unique_per_enrolment",
            ),
        ]
        indexes = [
            models.Index(fields=["trainer", "status", "planned_on"]),
            models.Index(fields=["status", "planned_on"]),
        ]

    def __str__(self):
        return _("%(kind)s visit %(n)s — %(enrolment)s") % {
            "kind": self.get_kind_display(),
            "n": self.sequence,
            "enrolment": self.enrolment,
        }

    def get_absolute_url(self):
        return reverse("counselling:visit_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.status == VisitStatus.DONE:
            if self.done_on is None:
                errors["done_on"] = _("Enter the date of the visit.")
            if self.hours is None:
                errors["hours"] = _("Enter the hours spent at the enterprise, e.g. 3.5.")
        if self.status == VisitStatus.PLANNED and self.planned_on is None:
            errors["planned_on"] = _("Enter the date the visit is planned for.")
        if errors:
            raise ValidationError(errors)

    @property
    def on(self):
        """The date that matters: when it took place, else when it is planned."""
        return self.done_on or self.planned_on

    @property
    def label(self) -> str:
        return _("%(kind)s %(n)s") % {"kind": self.get_kind_display(), "n": self.sequence}


class VisitPhoto(Photo):
    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(
        _("photo"), upload_to=visit_photo_path, max_length=200, validators=[validate_photo]
    )

    class Meta:
        verbose_name = _("visit photo")
        verbose_name_plural = _("visit photos")
        ordering = ["created_at", "pk"]

    def get_absolute_url(self):
        return reverse("counselling:visit_photo", args=[self.pk])


class ReminderKind(models.TextChoices):
    DUE_TOMORROW = "due_tomorrow", _("Visit due tomorrow")
    OVERDUE = "overdue", _("Visit overdue")
    FOLLOW_UPS_OVERDUE = "follow_ups_overdue", _("Follow-up visits overdue")


class VisitReminder(models.Model):
    """One e-mailed reminder: the row stops the same reminder going out twice on one day."""

    kind = models.CharField(_("kind"), max_length=24, choices=ReminderKind.choices)
    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="visit_reminders",
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("visit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="visit_reminders",
    )
    sent_on = models.DateField(_("sent on"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("visit reminder")
        verbose_name_plural = _("visit reminders")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "kind", "sent_on"],
                condition=Q(visit__isnull=False),
                name="visit_reminder_once_a_day",
            ),
            models.UniqueConstraint(
                fields=["enrolment", "kind", "sent_on"],
                condition=Q(visit__isnull=True),
                name="enrolment_reminder_once_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.visit or self.enrolment} ({self.sent_on})"


# --- Enterprise Improvement Teams ------------------------------------------------------


class ImprovementTeam(TimeStampedModel):
    """An enterprise's Enterprise Improvement Team (EIT): managers and workers in equal
    number who carry out improvement projects between visits. One per enterprise and
    programme (or one without a programme)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="improvement_teams",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="improvement_teams",
    )
    formed_on = models.DateField(_("formed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("enterprise improvement team")
        verbose_name_plural = _("enterprise improvement teams")
        ordering = ["enterprise", "programme__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "programme"], name="improvement_team_unique"
            ),
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=Q(programme__isnull=True),
                name="improvement_team_unique_without_programme",
            ),
        ]

    def __str__(self):
        if self.programme_id:
            return _("Improvement team of %(ent)s (%(prog)s)") % {
                "ent": self.enterprise,
                "prog": self.programme.code,
            }
        return _("Improvement team of %(ent)s") % {"ent": self.enterprise}

    def get_absolute_url(self):
        return reverse("counselling:team_page", args=[self.enterprise_id])


class TeamRole(models.TextChoices):
    LEADER = "leader", _("Team leader")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class TeamMember(models.Model):
    """A person of the enterprise on its improvement team, from ``joined_on`` until
    ``left_on`` (empty while still a member)."""

    team = models.ForeignKey(
        ImprovementTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "enterprises.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    team_role = models.CharField(
        _("role in the team"), max_length=16, choices=TeamRole.choices, default=TeamRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = [F("left_on").asc(nulls_first=True), "person__role", "person__name", "pk"]
        constraints = [
            models.CheckConstraint(
                name="team_member_leaves_after_joining",
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
            ),
            models.UniqueConstraint(
                fields=["team", "person"],
                condition=Q(left_on__isnull=True),
                name="team_member_once_at_a_time",
            ),
        ]

    def __str__(self):
        return str(self.person)

    def clean(self):
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError(
                {
                    "left_on": _(
                        "The date the person left (%(left)s) is before the date they joined "
                        "(%(joined)s). Correct one of them."
                    )
                    % {"left": self.left_on, "joined": self.joined_on}
                }
            )

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class TeamMeeting(TimeStampedModel):
    team = models.ForeignKey(
        ImprovementTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        TeamMember, verbose_name=_("attendees"), blank=True, related_name="meetings_attended"
    )
    decisions = models.TextField(_("decisions"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("team meeting")
        verbose_name_plural = _("team meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return _("Meeting of %(team)s on %(date)s") % {"team": self.team, "date": self.held_on}


# --- Improvement projects --------------------------------------------------------------


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


kpi_code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$",
    _("Use the indicator's code in small letters, digits and underscores, e.g. defect_rate."),
)

_money = {
    "max_digits": 14,
    "decimal_places": 2,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0)],
}


class ImprovementProject(TimeStampedModel):
    """A project an enterprise (its improvement team) carries out to fix one problem,
    moving one KPI. Status: planned → in progress → done, or dropped; one action each."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="improvement_projects",
    )
    team = models.ForeignKey(
        ImprovementTeam,
        verbose_name=_("improvement team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    module = models.ForeignKey(
        "training.Module",
        verbose_name=_("module"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="improvement_projects",
    )
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"))
    kpi = models.CharField(
        _("indicator it aims to move"),
        max_length=40,
        blank=True,
        validators=[kpi_code_validator],
        help_text=_("The indicator's code, e.g. defect_rate, energy_per_unit, accidents."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    cost = models.DecimalField(_("cost"), **_money)
    expected_savings = models.DecimalField(
        _("expected savings"), help_text=_("Per year, in the project's currency."), **_money
    )
    actual_savings = models.DecimalField(
        _("actual savings"), help_text=_("Per year, in the project's currency."), **_money
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    dropped_on = models.DateField(_("dropped on"), null=True, blank=True)
    dropped_reason = models.TextField(_("reason for dropping"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("improvement project")
        verbose_name_plural = _("improvement projects")
        ordering = ["enterprise", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="project_dropped_has_reason",
                condition=~Q(status="dropped") | ~Q(dropped_reason=""),
            ),
            models.CheckConstraint(
                name="project_savings_not_negative",
                condition=(
                    (Q(cost__isnull=True) | Q(cost__gte=0))
                    & (Q(expected_savings__isnull=True) | Q(expected_savings__gte=0))
                    & (Q(actual_savings__isnull=True) | Q(actual_savings__gte=0))
                ),
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("counselling:project_detail", args=[self.pk])

    def clean(self):
        if self.team_id and self.enterprise_id and self.team.enterprise_id != self.enterprise_id:
            raise ValidationError(
                {"team": _("Choose the improvement team of this project's own enterprise.")}
            )

    @property
    def is_open(self) -> bool:
        return self.status in (ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS)


class ProjectAction(models.Model):
    """One step of an improvement project: what, who, by when, and whether it is done."""

    project = models.ForeignKey(
        ImprovementProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    description = models.CharField(_("what is to be done"), max_length=300)
    owner = models.ForeignKey(
        "enterprises.Person",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_actions",
    )
    owner_name = models.CharField(
        _("owner (if not in the list)"),
        max_length=150,
        blank=True,
        help_text=_("Name someone who is not recorded among the enterprise's people."),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("project action")
        verbose_name_plural = _("project actions")
        ordering = ["done", F("due_on").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.description

    @property
    def owner_label(self) -> str:
        return str(self.owner) if self.owner_id else self.owner_name


class PhotoStage(models.TextChoices):
    BEFORE = "before", _("Before")
    AFTER = "after", _("After")


class ProjectPhoto(Photo):
    project = models.ForeignKey(
        ImprovementProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    stage = models.CharField(_("before or after"), max_length=8, choices=PhotoStage.choices)
    file = models.FileField(
        _("photo"), upload_to=project_photo_path, max_length=200, validators=[validate_photo]
    )

    class Meta:
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")
        ordering = ["stage", "created_at", "pk"]

    def get_absolute_url(self):
        return reverse("counselling:project_photo", args=[self.pk])
