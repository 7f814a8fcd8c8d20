"""Countries, organisations, programmes and the partnerships that sponsor enterprises."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from score.core.models import TimeStampedModel
from score.core.money import CURRENCY_CHOICES
from score.core.periods import check_range

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters, digits, dots, hyphens and underscores only, e.g. CN-P1."),
)


class Country(models.Model):
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z]{2}$", _("Use the two capital letters of ISO 3166-1, e.g. CN."))
        ],
    )
    name = models.CharField(_("name"), max_length=100)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    default_language = models.CharField(
        _("default language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:country_list")


class OrganisationKind(models.TextChoices):
    DONOR = "donor", _("Donor")
    IMPLEMENTATION_PARTNER = "implementation_partner", _("Implementation partner")
    TRAINING_INSTITUTION = "training_institution", _("Training institution")
    BDS_PROVIDER = "bds_provider", _("BDS provider")
    LEAD_BUYER = "lead_buyer", _("Lead buyer")
    BUYER_ASSOCIATION = "buyer_association", _("Buyer association")
    EMPLOYERS_ORGANISATION = "employers_organisation", _("Employers' organisation")
    WORKERS_ORGANISATION = "workers_organisation", _("Workers' organisation")
    GOVERNMENT = "government", _("Government")


PROVIDER_KINDS = (OrganisationKind.TRAINING_INSTITUTION, OrganisationKind.BDS_PROVIDER)
SPONSOR_KINDS = (
    OrganisationKind.LEAD_BUYER,
    OrganisationKind.BUYER_ASSOCIATION,
    OrganisationKind.DONOR,
    OrganisationKind.GOVERNMENT,
    OrganisationKind.EMPLOYERS_ORGANISATION,
)


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISCONTINUED = "discontinued", _("Discontinued")


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Leave empty for international organisations."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=OrganisationStatus.choices, default="active"
    )
    mou_date = models.DateField(_("MoU signed on"), null=True, blank=True)
    has_business_plan = models.BooleanField(_("has a business plan for SCORE"), default=False)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("programmes:organisation_detail", args=[self.pk])


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Programme(TimeStampedModel):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="programmes"
    )
    phase = models.PositiveSmallIntegerField(
        _("phase"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProgrammeStatus.choices, default="active"
    )
    donors = models.ManyToManyField(
        Organisation, verbose_name=_("donors"), blank=True, related_name="funded_programmes"
    )
    implementation_partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("implementation partners"),
        blank=True,
        related_name="implemented_programmes",
    )
    description = models.TextField(_("description"), blank=True)
    relax_module_order = models.BooleanField(
        _("allow modules before Workplace Cooperation"),
        default=False,
        help_text=_(
            "Normally every enterprise starts with Workplace Cooperation. Tick to let "
            "enterprises of this programme take other modules without it."
        ),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(
                name="programme_ends_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        check_range(self.start_date, self.end_date)

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", args=[self.pk])


MAX_TARGET = 100_000_000  # keeps sums far inside the databases' integer range


class Partnership(TimeStampedModel):
    """A sponsor (lead buyer, buyer association, ...) co-funding enterprises in a programme.

    The enterprises it covers are the programme participations that name it."""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    sponsor = models.ForeignKey(
        Organisation,
        verbose_name=_("sponsor"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    target_enterprises = models.PositiveIntegerField(
        _("target enterprises"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TARGET)],
    )
    target_workers = models.PositiveIntegerField(
        _("target workers"), null=True, blank=True, validators=[MaxValueValidator(MAX_TARGET)]
    )
    sponsor_fee_share = models.DecimalField(
        _("sponsor's share of fees (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The part of each enterprise's training fee the sponsor pays, in per cent."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(
                name="partnership_ends_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            ),
            models.CheckConstraint(
                name="partnership_fee_share_is_a_percentage",
                condition=Q(sponsor_fee_share__gte=0, sponsor_fee_share__lte=100),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        check_range(self.start_date, self.end_date)

    def get_absolute_url(self):
        return reverse("programmes:partnership_detail", args=[self.pk])


class LogframeIndicator(models.TextChoices):
    """The programme (logframe) indicators of domain/SCORE.md, "Indicators"."""

    INSTITUTIONS_EMBEDDING = "institutions_embedding", _("Institutions embedding SCORE")
    # xgettext:no-python-format
    COST_COVERED = "cost_covered_non_ilo", _("% of training cost covered by non-ILO resources")
    SPONSORS_PAYING = "sponsors_paying", _("Institutions or multinationals paying for SCORE")
    CLUSTERS_SELECTED = "clusters_selected", _("Clusters selected")
    MOUS_SIGNED = "mous_signed", _("MoUs signed")
    PARTNER_REPS_TRAINED = "partner_reps_trained", _("Partner representatives trained")
    BUSINESS_PLANS = "business_plans", _("Business plans for SCORE developed")
    EXPERT_TRAINERS = "expert_trainers", _("National expert trainers available")
    CENTRE_OF_EXCELLENCE = "centre_of_excellence", _("National centre of excellence")
    SMES_TRAINED = "smes_trained", _("SMEs trained")
    PEOPLE_TRAINED = "people_trained", _("Workers and managers trained")
    WORKFORCE = "workforce", _("Workforce of trained SMEs")
    ENTERPRISE_VISITS = "enterprise_visits", _("Enterprise visits")
    TRAINERS_TRAINED = "trainers_trained", _("Trainers trained")
    TRAINERS_CERTIFIED = "trainers_certified", _("Trainers certified")
    TRAINERS_ACTIVE = "trainers_active", _("Trainers active")


# Logframe indicators that are counted by sex as well as in total.
BY_SEX_INDICATORS = frozenset(
    {
        LogframeIndicator.PARTNER_REPS_TRAINED,
        LogframeIndicator.EXPERT_TRAINERS,
        LogframeIndicator.PEOPLE_TRAINED,
    }
)


class TargetSex(models.TextChoices):
    ALL = "", _("Everyone")
    FEMALE = "female", _("Women")
    MALE = "male", _("Men")


class LogframeTarget(TimeStampedModel):
    """A programme's target for one logframe indicator in a country by a date, optionally
    for women or men only. Actuals are computed from the records (score.results.logframe)."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="logframe_targets",
    )
    indicator = models.CharField(_("indicator"), max_length=32, choices=LogframeIndicator.choices)
    sex = models.CharField(
        _("sex"),
        max_length=8,
        choices=TargetSex.choices,
        default=TargetSex.ALL,
        blank=True,
        help_text=_("Only for indicators counted by sex; leave as everyone otherwise."),
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="logframe_targets",
    )
    target_date = models.DateField(_("to be reached by"))
    value = models.DecimalField(
        _("target value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("logframe target")
        verbose_name_plural = _("logframe targets")
        ordering = ["programme", "indicator", "country", "target_date", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "indicator", "sex", "country", "target_date"],
                name="logframe_target_unique",
            ),
            models.CheckConstraint(name="logframe_target_not_negative", condition=Q(value__gte=0)),
        ]

    def __str__(self):
        return f"{self.programme.code} {self.indicator} {self.target_date}"

    def clean(self):
        if self.sex and self.indicator not in BY_SEX_INDICATORS:
            raise ValidationError(
                {"sex": _("This indicator is not counted by sex; choose “Everyone”.")}
            )
        if (
            self.indicator == LogframeIndicator.COST_COVERED
            and self.value is not None
            and self.value > 100
        ):
            raise ValidationError({"value": _("A percentage cannot be more than 100.")})
