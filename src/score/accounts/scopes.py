"""The one place that decides what a user may see (DESIGN.md, "Roles and what each sees").

Every page, export and API call starts its query from one of these functions. Each returns
a queryset (never a list) so callers can filter, annotate and aggregate further in SQL, and
each costs at most one query for the user's memberships, cached on the user object.

- programme admin (or superuser): everything;
- country coordinator: programmes of their country and the enterprises in that country or
  taking part in those programmes;
- provider staff: enterprises whose participation names their organisation as provider;
- trainer: enterprises they are assigned to;
- enterprise user: their own enterprise;
- sponsor viewer: individually, only the sponsored suppliers that consented to share; in
  aggregates (``enterprises_in_results_scope``), all the suppliers it sponsors;
- donor viewer: no enterprise individually; in aggregates, the programmes it funds.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from score.accounts.models import Membership, Role
from score.enterprises.models import Enterprise, Participation, Person
from score.programmes.models import Country, Organisation, Partnership, Programme


@dataclass(frozen=True)
class Scope:
    """The roles of one user, flattened: ids per kind of scope."""

    is_admin: bool = False
    coordinator_countries: frozenset = field(default_factory=frozenset)
    provider_orgs: frozenset = field(default_factory=frozenset)
    sponsor_orgs: frozenset = field(default_factory=frozenset)
    donor_orgs: frozenset = field(default_factory=frozenset)
    own_enterprises: frozenset = field(default_factory=frozenset)
    trainer_orgs: frozenset = field(default_factory=frozenset)
    is_trainer: bool = False
    roles: frozenset = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not self.roles and not self.is_admin


def scope_of(user) -> Scope:
    """The user's flattened memberships, read once per user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, "_score_scope", None)
    if cached is not None:
        return cached
    rows = list(
        Membership.objects.filter(user=user).values_list(
            "role", "country_id", "organisation_id", "enterprise_id"
        )
    )
    by_role: dict[str, set] = {}
    for role, country_id, organisation_id, enterprise_id in rows:
        by_role.setdefault(role, set()).add(country_id or organisation_id or enterprise_id)
    scope = Scope(
        is_admin=user.is_superuser or Role.PROGRAMME_ADMIN in by_role,
        coordinator_countries=frozenset(by_role.get(Role.COUNTRY_COORDINATOR, ())),
        provider_orgs=frozenset(by_role.get(Role.PROVIDER_STAFF, ())),
        sponsor_orgs=frozenset(by_role.get(Role.SPONSOR_VIEWER, ())),
        donor_orgs=frozenset(by_role.get(Role.DONOR_VIEWER, ())),
        own_enterprises=frozenset(by_role.get(Role.ENTERPRISE_USER, ())),
        trainer_orgs=frozenset(by_role.get(Role.TRAINER, set()) - {None}),
        is_trainer=Role.TRAINER in by_role,
        roles=frozenset(by_role) | ({Role.PROGRAMME_ADMIN} if user.is_superuser else set()),
    )
    user._score_scope = scope
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope after the user's memberships change."""
    if hasattr(user, "_score_scope"):
        del user._score_scope


def programmes_visible_to(user) -> QuerySet[Programme]:
    scope = scope_of(user)
    qs = Programme.objects.all()
    if scope.is_admin:
        return qs
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(country_id__in=scope.coordinator_countries)
    if scope.donor_orgs:
        q |= Q(donors__in=scope.donor_orgs)
    if scope.provider_orgs:
        q |= Q(participations__provider_id__in=scope.provider_orgs)
    if scope.sponsor_orgs:
        q |= Q(partnerships__sponsor_id__in=scope.sponsor_orgs)
    if scope.is_trainer:
        q |= Q(participations__trainers=user)
    if scope.own_enterprises:
        q |= Q(participations__enterprise_id__in=scope.own_enterprises)
    return qs.filter(pk__in=Programme.objects.filter(q).values("pk"))


def _enterprise_q(user, scope: Scope, *, aggregate: bool, viewers: bool = True) -> Q:
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(country_id__in=scope.coordinator_countries) | Q(
            participations__programme__country_id__in=scope.coordinator_countries
        )
    if scope.provider_orgs:
        q |= Q(participations__provider_id__in=scope.provider_orgs)
    if scope.is_trainer:
        q |= Q(participations__trainers=user)
    if scope.own_enterprises:
        q |= Q(pk__in=scope.own_enterprises)
    if scope.sponsor_orgs and viewers:
        sponsored = Q(participations__partnership__sponsor_id__in=scope.sponsor_orgs)
        q |= sponsored if aggregate else (sponsored & Q(shares_data_with_sponsors=True))
    if scope.donor_orgs and aggregate and viewers:
        q |= Q(participations__programme__donors__in=scope.donor_orgs)
    return q


def enterprises_visible_to(user) -> QuerySet[Enterprise]:
    """Enterprises the user may open one by one (detail pages, lists, exports of rows)."""
    scope = scope_of(user)
    if scope.is_admin:
        return Enterprise.objects.all()
    if scope.is_empty:
        return Enterprise.objects.none()
    inner = Enterprise.objects.filter(_enterprise_q(user, scope, aggregate=False)).values("pk")
    return Enterprise.objects.filter(pk__in=inner)


def enterprises_in_results_scope(user) -> QuerySet[Enterprise]:
    """Enterprises whose data may flow into aggregated figures the user sees.

    Wider than ``enterprises_visible_to`` for sponsors (all sponsored suppliers, consent or
    not) and donors (all enterprises of the programmes they fund)."""
    scope = scope_of(user)
    if scope.is_admin:
        return Enterprise.objects.all()
    if scope.is_empty:
        return Enterprise.objects.none()
    inner = Enterprise.objects.filter(_enterprise_q(user, scope, aggregate=True)).values("pk")
    return Enterprise.objects.filter(pk__in=inner)


def enterprises_workable_by(user) -> QuerySet[Enterprise]:
    """Enterprises whose records (people, later visits and measurements) the user works on:
    as for ``enterprises_visible_to`` but through working roles only, never viewer roles."""
    scope = scope_of(user)
    if scope.is_admin:
        return Enterprise.objects.all()
    if scope.is_empty:
        return Enterprise.objects.none()
    q = _enterprise_q(user, scope, aggregate=False, viewers=False)
    return Enterprise.objects.filter(pk__in=Enterprise.objects.filter(q).values("pk"))


def participations_visible_to(user) -> QuerySet[Participation]:
    scope = scope_of(user)
    if scope.is_admin:
        return Participation.objects.all()
    return Participation.objects.filter(enterprise__in=enterprises_visible_to(user)).filter(
        programme__in=programmes_visible_to(user)
    )


def people_visible_to(user) -> QuerySet[Person]:
    scope = scope_of(user)
    if scope.is_admin:
        return Person.objects.all()
    return Person.objects.filter(enterprise__in=enterprises_visible_to(user))


def organisations_visible_to(user) -> QuerySet[Organisation]:
    scope = scope_of(user)
    if scope.is_admin:
        return Organisation.objects.all()
    q = Q(pk__in=[])
    own = scope.provider_orgs | scope.sponsor_orgs | scope.donor_orgs | scope.trainer_orgs
    if own:
        q |= Q(pk__in=own)
    if scope.coordinator_countries:
        countries = scope.coordinator_countries
        q |= (
            Q(country_id__in=countries)
            | Q(funded_programmes__country_id__in=countries)
            | Q(implemented_programmes__country_id__in=countries)
            | Q(partnerships__programme__country_id__in=countries)
        )
    inner = Organisation.objects.filter(q).values("pk")
    return Organisation.objects.filter(pk__in=inner)


def partnerships_visible_to(user) -> QuerySet[Partnership]:
    scope = scope_of(user)
    if scope.is_admin:
        return Partnership.objects.all()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(programme__country_id__in=scope.coordinator_countries)
    if scope.sponsor_orgs:
        q |= Q(sponsor_id__in=scope.sponsor_orgs)
    if scope.donor_orgs:
        q |= Q(programme__donors__in=scope.donor_orgs)
    inner = Partnership.objects.filter(q).values("pk")
    return Partnership.objects.filter(pk__in=inner)


def countries_visible_to(user) -> QuerySet[Country]:
    """Countries are reference data: every signed-in user may read them."""
    if not getattr(user, "is_authenticated", False):
        return Country.objects.none()
    return Country.objects.all()


# Training (score.training). Imported here, not at the top, so this module stays free of
# import cycles as apps add their visibility functions below.


def _participation_exists(**lookups):
    """An EXISTS over participations of the outer row's enterprise in its programme."""
    return Exists(
        Participation.objects.filter(
            enterprise_id=OuterRef("enterprise_id"),
            programme_id=OuterRef("programme_id"),
            **lookups,
        )
    )


def modules_visible_to(user):
    """The global module catalogue, plus modules of programmes the user may see."""
    from score.training.models import Module

    scope = scope_of(user)
    if scope.is_admin:
        return Module.objects.all()
    if scope.is_empty:
        return Module.objects.none()
    return Module.objects.filter(
        Q(programme__isnull=True) | Q(programme__in=programmes_visible_to(user))
    )


def enrolments_visible_to(user):
    """Enrolments the user may open one by one.

    Coordinators: those of their country's programmes; provider staff: those their
    organisation delivers (named on the enrolment or on the enterprise's participation);
    trainers: those they lead or whose participation assigns them; enterprise users: their
    own enterprise's; sponsor viewers: those of consenting suppliers in the programmes where
    they sponsor them; donor viewers: none (they see aggregates only)."""
    from score.training.models import Enrolment

    scope = scope_of(user)
    if scope.is_admin:
        return Enrolment.objects.all()
    if scope.is_empty:
        return Enrolment.objects.none()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(programme__country_id__in=scope.coordinator_countries)
    if scope.provider_orgs:
        q |= Q(provider_id__in=scope.provider_orgs) | Q(
            _participation_exists(provider_id__in=scope.provider_orgs)
        )
    if scope.is_trainer:
        q |= Q(trainer=user) | Q(_participation_exists(trainers=user))
    if scope.own_enterprises:
        q |= Q(enterprise_id__in=scope.own_enterprises)
    if scope.sponsor_orgs:
        q |= Q(enterprise__shares_data_with_sponsors=True) & Q(
            _participation_exists(partnership__sponsor_id__in=scope.sponsor_orgs)
        )
    return Enrolment.objects.filter(q)


def sessions_visible_to(user):
    """Classroom sessions the user may open: those of their country's programmes
    (coordinators), delivered by their organisation (provider staff), taught by them
    (trainers), or attended by an enrolment they may see."""
    from score.training.models import ClassroomSession

    scope = scope_of(user)
    if scope.is_admin:
        return ClassroomSession.objects.all()
    if scope.is_empty:
        return ClassroomSession.objects.none()
    q = Q(enrolments__in=enrolments_visible_to(user))
    if scope.coordinator_countries:
        q |= Q(programme__country_id__in=scope.coordinator_countries)
    if scope.provider_orgs:
        q |= Q(provider_id__in=scope.provider_orgs)
    if scope.is_trainer:
        q |= Q(trainers=user)
    inner = ClassroomSession.objects.filter(q).values("pk")
    return ClassroomSession.objects.filter(pk__in=inner)


# Counselling (score.counselling): in-factory visits, improvement teams and projects.
# Working roles only: enterprise users see their team and projects but not the trainers'
# visit reports; sponsor and donor viewers see none of it.


def enrolments_visitable_by(user):
    """Enrolments whose visits the user may see and plan: those of their country's
    programmes (coordinators), delivered by their organisation, named on the enrolment or on
    the participation (provider staff), led by them or of a participation that assigns them
    (trainers). Dropped enrolments are included; actions refuse new visits on them."""
    from score.training.models import Enrolment

    scope = scope_of(user)
    if scope.is_admin:
        return Enrolment.objects.all()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(programme__country_id__in=scope.coordinator_countries)
    if scope.provider_orgs:
        q |= Q(provider_id__in=scope.provider_orgs) | Q(
            _participation_exists(provider_id__in=scope.provider_orgs)
        )
    if scope.is_trainer:
        q |= Q(trainer=user) | Q(_participation_exists(trainers=user))
    return Enrolment.objects.filter(q)


def visits_visible_to(user):
    """Visits of the enrolments in ``enrolments_visitable_by``, plus a trainer's own visits
    (even after their assignment ended). Everyone else sees none."""
    from score.counselling.models import Visit

    scope = scope_of(user)
    if scope.is_admin:
        return Visit.objects.all()
    if not (scope.coordinator_countries or scope.provider_orgs or scope.is_trainer):
        return Visit.objects.none()
    q = Q(enrolment__in=enrolments_visitable_by(user))
    if scope.is_trainer:
        q |= Q(trainer=user)
    return Visit.objects.filter(q)


def eits_visible_to(user):
    """Enterprise Improvement Teams of the enterprises the user works on (coordinators,
    provider staff, trainers and the enterprise's own users; no viewer roles)."""
    from score.counselling.models import ImprovementTeam

    if scope_of(user).is_admin:
        return ImprovementTeam.objects.all()
    return ImprovementTeam.objects.filter(enterprise__in=enterprises_workable_by(user))


def projects_visible_to(user):
    """Improvement projects of the enterprises the user works on (as ``eits_visible_to``)."""
    from score.counselling.models import ImprovementProject

    if scope_of(user).is_admin:
        return ImprovementProject.objects.all()
    return ImprovementProject.objects.filter(enterprise__in=enterprises_workable_by(user))


# Monitoring (score.monitoring): measurements and practice answers are enterprise records,
# seen and entered through working roles only (coordinators, provider staff, assigned
# trainers, the enterprise's own users). Sponsor and donor viewers get aggregates later.


def measurements_visible_to(user):
    from score.monitoring.models import Measurement

    if scope_of(user).is_admin:
        return Measurement.objects.all()
    return Measurement.objects.filter(enterprise__in=enterprises_workable_by(user))


def practice_answers_visible_to(user):
    from score.monitoring.models import PracticeAnswer

    if scope_of(user).is_admin:
        return PracticeAnswer.objects.all()
    return PracticeAnswer.objects.filter(enterprise__in=enterprises_workable_by(user))


def indicators_visible_to(user):
    """The global indicator catalogue, plus indicators of programmes the user may see; for
    working roles only (viewers read no enterprise-level monitoring)."""
    from score.monitoring.models import Indicator

    scope = scope_of(user)
    if scope.is_admin:
        return Indicator.objects.all()
    if not (
        scope.coordinator_countries
        or scope.provider_orgs
        or scope.is_trainer
        or scope.own_enterprises
    ):
        return Indicator.objects.none()
    return Indicator.objects.filter(
        Q(programme__isnull=True) | Q(programme__in=programmes_visible_to(user))
    )


# Surveys (score.surveys): anonymous responses. Working roles other than enterprise users
# (coordinators, provider staff, trainers) enter and import them for the enterprises they
# work on; aggregated results draw on ``enterprises_in_results_scope`` so sponsor and donor
# viewers see figures (never single responses) for their scope.


def enterprises_surveyable_by(user):
    """Enterprises for which the user may enter or import survey responses."""
    scope = scope_of(user)
    if scope.is_admin:
        return Enterprise.objects.all()
    if not (scope.coordinator_countries or scope.provider_orgs or scope.is_trainer):
        return Enterprise.objects.none()
    working = Scope(
        coordinator_countries=scope.coordinator_countries,
        provider_orgs=scope.provider_orgs,
        is_trainer=scope.is_trainer,
        roles=scope.roles,
    )
    q = _enterprise_q(user, working, aggregate=False, viewers=False)
    return Enterprise.objects.filter(pk__in=Enterprise.objects.filter(q).values("pk"))


def survey_responses_in_results_scope(user):
    """Responses that may flow into the aggregated survey figures the user sees: of
    enterprises in their results scope and programmes they may see."""
    from score.surveys.models import Response

    scope = scope_of(user)
    if scope.is_admin:
        return Response.objects.all()
    if scope.is_empty or scope.roles == {Role.ENTERPRISE_USER}:
        return Response.objects.none()
    return Response.objects.filter(
        enterprise__in=enterprises_in_results_scope(user),
        programme__in=programmes_visible_to(user),
    )


# Results (score.results): a programme's logframe (targets versus actuals, the IATI file) is
# read by programme admins, the coordinators of its country and the donors that fund it.


def logframes_visible_to(user) -> QuerySet[Programme]:
    """Programmes whose logframe (targets, programme-wide actuals, IATI file) the user may read."""
    scope = scope_of(user)
    if scope.is_admin:
        return Programme.objects.all()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(country_id__in=scope.coordinator_countries)
    if scope.donor_orgs:
        q |= Q(donors__in=scope.donor_orgs)
    return Programme.objects.filter(pk__in=Programme.objects.filter(q).values("pk"))


# Trainers (score.trainers): the trainer network. Admins see every trainer; coordinators
# the trainers of their country; provider staff those affiliated with their organisation;
# a trainer themself (through the linked user account); everyone else nobody.


def trainers_visible_to(user):
    from score.trainers.models import Trainer

    scope = scope_of(user)
    if scope.is_admin:
        return Trainer.objects.all()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(country_id__in=scope.coordinator_countries)
    if scope.provider_orgs:
        q |= Q(organisation_id__in=scope.provider_orgs)
    if scope.is_trainer:
        q |= Q(user=user)
    if q == Q(pk__in=[]):
        return Trainer.objects.none()
    return Trainer.objects.filter(q)


def trainer_courses_visible_to(user):
    """ToT, ToE and refresher courses: a coordinator's country's; those organised by, or
    with a participant or supervisor from, a provider's organisation; those a trainer took
    part in or supervised."""
    from score.trainers.models import Course

    scope = scope_of(user)
    if scope.is_admin:
        return Course.objects.all()
    if not (scope.coordinator_countries or scope.provider_orgs or scope.is_trainer):
        return Course.objects.none()
    trainers = trainers_visible_to(user)
    q = Q(participants__trainer__in=trainers) | Q(supervisor__in=trainers)
    if scope.coordinator_countries:
        q |= Q(country_id__in=scope.coordinator_countries)
    if scope.provider_orgs:
        q |= Q(organisation_id__in=scope.provider_orgs)
    return Course.objects.filter(pk__in=Course.objects.filter(q).values("pk"))


def quality_reviews_visible_to(user):
    from score.trainers.models import QualityReview

    if scope_of(user).is_admin:
        return QualityReview.objects.all()
    return QualityReview.objects.filter(trainer__in=trainers_visible_to(user))


# Finance (score.finance): prices, fees and invoices. Working roles that deal in money only:
# coordinators (their country), provider staff (their organisation's); an enterprise user
# sees the invoices billed to its enterprise. Sponsor and donor viewers see no fee or
# invoice, only the aggregated budget figures of the partnerships they may see.


def _by_country_or_provider(model, user, *, country: str, provider: str):
    """Rows of ``model`` in the coordinator's country (through the ``country`` path) or of
    the staff's organisation (through the ``provider`` path); everything for admins."""
    scope = scope_of(user)
    if scope.is_admin:
        return model.objects.all()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(**{f"{country}__in": scope.coordinator_countries})
    if scope.provider_orgs:
        q |= Q(**{f"{provider}__in": scope.provider_orgs})
    return model.objects.filter(q)


def module_prices_visible_to(user):
    """Prices of providers in the coordinator's country, or of the staff's organisation."""
    from score.finance.models import ModulePrice

    return _by_country_or_provider(
        ModulePrice, user, country="provider__country_id", provider="provider_id"
    )


def fee_enrolments_visible_to(user):
    """Enrolments whose fee the user may see (and, with permission, set): those of the
    coordinator's country's programmes, or delivered by the staff's organisation."""
    from score.training.models import Enrolment

    scope = scope_of(user)
    if scope.is_admin:
        return Enrolment.objects.all()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        q |= Q(programme__country_id__in=scope.coordinator_countries)
    if scope.provider_orgs:
        q |= Q(provider_id__in=scope.provider_orgs) | Q(
            Q(provider__isnull=True) & _participation_exists(provider_id__in=scope.provider_orgs)
        )
    return Enrolment.objects.filter(q)


def fees_visible_to(user):
    """Fees of the coordinator's country's programmes, or billed by the staff's organisation."""
    from score.finance.models import Fee

    return _by_country_or_provider(
        Fee, user, country="enrolment__programme__country_id", provider="provider_id"
    )


def invoices_visible_to(user):
    """Invoices of providers in the coordinator's country or billing its programmes' fees,
    of the staff's organisation, or billed to the enterprise user's enterprise."""
    from score.finance.models import Invoice

    scope = scope_of(user)
    if scope.is_admin:
        return Invoice.objects.all()
    q = Q(pk__in=[])
    if scope.coordinator_countries:
        countries = scope.coordinator_countries
        q |= Q(provider__country_id__in=countries) | Q(
            lines__share__fee__enrolment__programme__country_id__in=countries
        )
    if scope.provider_orgs:
        q |= Q(provider_id__in=scope.provider_orgs)
    if scope.own_enterprises:
        q |= Q(payer_enterprise_id__in=scope.own_enterprises)
    inner = Invoice.objects.filter(q).values("pk")
    return Invoice.objects.filter(pk__in=inner)
