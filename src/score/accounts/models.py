"""Users log in with their e-mail address; memberships give them roles with a scope."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("May log in to the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    calendar_token = models.CharField(
        _("calendar feed key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Secret part of the address of this user's iCalendar feed; empty: no feed."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", _("Programme admin")
    COUNTRY_COORDINATOR = "country_coordinator", _("Country coordinator")
    PROVIDER_STAFF = "provider_staff", _("Provider staff")
    TRAINER = "trainer", _("Trainer")
    ENTERPRISE_USER = "enterprise_user", _("Enterprise user")
    SPONSOR_VIEWER = "sponsor_viewer", _("Sponsor viewer")
    DONOR_VIEWER = "donor_viewer", _("Donor viewer")


class Membership(models.Model):
    """A role held by a user, with the scope that role needs (DESIGN.md, "Roles").

    country coordinator -> country; provider staff, sponsor and donor viewer -> organisation;
    enterprise user -> enterprise; trainer -> optionally the organisation they work for
    (their enterprises come from assignments); programme admin -> no scope.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    country = models.ForeignKey(
        "programmes.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role=Role.PROGRAMME_ADMIN)
                    | Q(role=Role.COUNTRY_COORDINATOR, country__isnull=False)
                    | Q(
                        role__in=[Role.PROVIDER_STAFF, Role.SPONSOR_VIEWER, Role.DONOR_VIEWER],
                        organisation__isnull=False,
                    )
                    | Q(role=Role.ENTERPRISE_USER, enterprise__isnull=False)
                    | Q(role=Role.TRAINER)
                ),
            ),
        ]

    def __str__(self):
        scope = self.country or self.organisation or self.enterprise
        return f"{self.user} — {self.get_role_display()}" + (f" ({scope})" if scope else "")
