"""Enterprises, their people, their lead buyers and their place in programmes."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.lookups import LessThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from score.core.models import TimeStampedModel
from score.programmes.models import code_validator


class Sector(models.TextChoices):
    """ISIC Rev. 4 sections."""

    A = "A", _("A – Agriculture, forestry and fishing")
    B = "B", _("B – Mining and quarrying")
    C = "C", _("C – Manufacturing")
    D = "D", _("D – Electricity, gas, steam and air conditioning supply")
    E = "E", _("E – Water supply; sewerage, waste management and remediation")
    F = "F", _("F – Construction")
    G = "G", _("G – Wholesale and retail trade; repair of motor vehicles")
    H = "H", _("H – Transportation and storage")
    I = "I", _("I – Accommodation and food service activities")  # noqa: E741
    J = "J", _("J – Information and communication")
    K = "K", _("K – Financial and insurance activities")
    L = "L", _("L – Real estate activities")
    M = "M", _("M – Professional, scientific and technical activities")
    N = "N", _("N – Administrative and support service activities")
    O = "O", _("O – Public administration and defence")  # noqa: E741
    P = "P", _("P – Education")
    Q = "Q", _("Q – Human health and social work activities")
    R = "R", _("R – Arts, entertainment and recreation")
    S = "S", _("S – Other service activities")
    T = "T", _("T – Activities of households as employers")
    U = "U", _("U – Activities of extraterritorial organisations")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro (1–9)")
    SMALL = "small", _("Small (10–49)")
    MEDIUM = "medium", _("Medium (50–249)")
    LARGE = "large", _("Large (250+)")
    UNKNOWN = "unknown", _("Not known")


def size_class_for(total: int) -> str:
    """The size class of an enterprise with ``total`` employees (also done in SQL below)."""
    if total <= 0:
        return SizeClass.UNKNOWN
    if total < 10:
        return SizeClass.MICRO
    if total < 50:
        return SizeClass.SMALL
    if total < 250:
        return SizeClass.MEDIUM
    return SizeClass.LARGE


# No enterprise of the programme's kind comes near it; the cap keeps sums and the generated
# total far inside the databases' integer range (a typo of extra digits is refused).
MAX_EMPLOYEES = 1_000_000

_TOTAL = F("employees_female") + F("employees_male")


class EnterpriseStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


class Enterprise(TimeStampedModel):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        "programmes.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    cluster = models.CharField(_("cluster"), max_length=100, blank=True)
    sector = models.CharField(_("sector (ISIC section)"), max_length=1, choices=Sector.choices)
    industry = models.CharField(
        _("industry"),
        max_length=100,
        blank=True,
        help_text=_("e.g. machinery, auto parts, garments"),
    )
    products = models.CharField(_("products"), max_length=300, blank=True)
    employees_female = models.PositiveIntegerField(
        _("female employees"), default=0, validators=[MaxValueValidator(MAX_EMPLOYEES)]
    )
    employees_male = models.PositiveIntegerField(
        _("male employees"), default=0, validators=[MaxValueValidator(MAX_EMPLOYEES)]
    )
    employees_total = models.GeneratedField(
        verbose_name=_("employees"),
        expression=F("employees_female") + F("employees_male"),
        output_field=models.PositiveIntegerField(),
        db_persist=True,
    )
    size_class = models.GeneratedField(
        verbose_name=_("size class"),
        expression=Case(
            When(LessThan(_TOTAL, 1), then=Value("unknown")),
            When(LessThan(_TOTAL, 10), then=Value("micro")),
            When(LessThan(_TOTAL, 50), then=Value("small")),
            When(LessThan(_TOTAL, 250), then=Value("medium")),
            default=Value("large"),
        ),
        output_field=models.CharField(max_length=8, choices=SizeClass.choices),
        db_persist=True,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EnterpriseStatus.choices, default="active"
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    shares_data_with_sponsors = models.BooleanField(
        _("consents to share its own results with its sponsors"),
        default=False,
        help_text=_("Without consent, sponsors see this enterprise only inside aggregates."),
    )
    lead_buyers = models.ManyToManyField(
        "programmes.Organisation",
        verbose_name=_("lead buyers"),
        through="SupplyLink",
        related_name="suppliers",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "code"]
        indexes = [models.Index(fields=["country", "sector"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("enterprises:enterprise_detail", args=[self.pk])

    def get_size_class_display(self) -> str:
        # A generated field gets no get_FOO_display(); unsaved objects compute it here.
        value = (
            self.size_class
            if isinstance(self.size_class, str)
            else size_class_for(self.employees_female + self.employees_male)
        )
        return SizeClass(value).label


class SupplyLink(models.Model):
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="supply_links",
    )
    buyer = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("lead buyer"),
        on_delete=models.CASCADE,
        related_name="supply_links",
    )
    since = models.DateField(_("supplier since"), null=True, blank=True)

    class Meta:
        verbose_name = _("supply link")
        verbose_name_plural = _("supply links")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "buyer"], name="supply_link_unique")
        ]

    def __str__(self):
        return f"{self.enterprise} → {self.buyer}"


class ParticipationStatus(models.TextChoices):
    RECRUITED = "recruited", _("Recruited")
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Participation(TimeStampedModel):
    """An enterprise taking part in a programme: who delivers, who sponsors, who coaches."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    provider = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("training provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="provided_participations",
    )
    partnership = models.ForeignKey(
        "programmes.Partnership",
        verbose_name=_("sponsoring partnership"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned trainers"),
        blank=True,
        related_name="assigned_participations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ParticipationStatus.choices, default="enrolled"
    )
    is_comparison = models.BooleanField(
        _("comparison enterprise"),
        default=False,
        help_text=_("Not trained; measured only to compare with trained enterprises."),
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "programme"], name="participation_unique")
        ]

    def __str__(self):
        return f"{self.enterprise} in {self.programme.code}"


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / not stated")


class PersonRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    WORKER = "worker", _("Worker")


class Person(TimeStampedModel):
    """Someone at an enterprise: a participant, EIT member or contact. Name is optional."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="people"
    )
    code = models.CharField(
        _("code"),
        max_length=32,
        blank=True,
        help_text=_("Optional reference used to match this person in imports."),
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    role = models.CharField(_("role"), max_length=8, choices=PersonRole.choices)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["enterprise", "role", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "code"],
                condition=~Q(code=""),
                name="person_code_unique_per_enterprise",
            )
        ]

    def __str__(self):
        label = self.name or self.code or _("unnamed person")
        return f"{label} ({self.get_role_display()})"
