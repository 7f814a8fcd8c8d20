"""Reads of countries, organisations, programmes and partnerships that pages share.

Every query starts from the user's scope in ``score.accounts.scopes``; counts of
enterprises are computed in SQL over ``enterprises_in_results_scope`` (so donors and
sponsors see aggregates), while named enterprises come from ``enterprises_visible_to``."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from score.accounts.scopes import (
    countries_visible_to,
    enterprises_in_results_scope,
    enterprises_visible_to,
    organisations_visible_to,
    partnerships_visible_to,
    programmes_visible_to,
)
from score.enterprises.models import Participation, ParticipationStatus
from score.programmes.models import PROVIDER_KINDS, Country, Organisation, Partnership, Programme


def country_list(user, *, q: str = "") -> QuerySet[Country]:
    qs = countries_visible_to(user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return qs.order_by("name", "code")


def organisation_list(
    user, *, q: str = "", kind: str = "", status: str = "", country=None
) -> QuerySet[Organisation]:
    qs = organisations_visible_to(user).select_related("country")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if country:
        qs = qs.filter(country=country)
    return qs.order_by("name", "pk")


def organisation_detail(user, pk: int) -> Organisation:
    """The organisation if the user may see it, with the programmes it funds or implements
    and the partnerships it sponsors, each limited to what the user may see.

    Raises Organisation.DoesNotExist otherwise."""
    programmes = programmes_visible_to(user).select_related("country").order_by("-start_date")
    return (
        organisations_visible_to(user)
        .select_related("country")
        .prefetch_related(
            Prefetch("funded_programmes", queryset=programmes, to_attr="visible_funded"),
            Prefetch("implemented_programmes", queryset=programmes, to_attr="visible_implemented"),
            Prefetch(
                "partnerships",
                queryset=partnerships_visible_to(user)
                .select_related("programme")
                .order_by("-start_date", "code"),
                to_attr="visible_partnerships",
            ),
        )
        .get(pk=pk)
    )


def _taking_part(user, prefix: str = "") -> Q:
    """Participations of enterprises in the user's results scope, not comparison ones."""
    return Q(
        **{
            f"{prefix}enterprise__in": enterprises_in_results_scope(user),
            f"{prefix}is_comparison": False,
        }
    )


def programme_list(user, *, q: str = "", country=None, status: str = "") -> QuerySet[Programme]:
    qs = programmes_visible_to(user).select_related("country")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if country:
        qs = qs.filter(country=country)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        enterprise_count=Count("participations", filter=_taking_part(user, "participations__"))
    ).order_by("-start_date", "code")


def _with_visibility(user) -> QuerySet[Organisation]:
    """Organisations annotated with whether the user may open them (for links)."""
    return Organisation.objects.annotate(
        is_visible=Exists(organisations_visible_to(user).filter(pk=OuterRef("pk")))
    ).order_by("name")


def programme_detail(user, pk: int) -> Programme:
    """The programme if the user may see it; raises Programme.DoesNotExist otherwise."""
    return (
        programmes_visible_to(user)
        .select_related("country")
        .prefetch_related(
            Prefetch("donors", queryset=_with_visibility(user)),
            Prefetch("implementation_partners", queryset=_with_visibility(user)),
            Prefetch(
                "partnerships",
                queryset=partnership_list(user),
                to_attr="visible_partnerships",
            ),
        )
        .get(pk=pk)
    )


def programme_counts(user, programme: Programme) -> dict:
    """Enterprises taking part in ``programme``, counted in one query over the user's
    results scope (aggregates, so donors and sponsors see totals, not names)."""
    statuses = {
        status: Count("pk", filter=Q(is_comparison=False, status=status))
        for status in ParticipationStatus.values
    }
    row = Participation.objects.filter(
        programme=programme, enterprise__in=enterprises_in_results_scope(user)
    ).aggregate(
        taking_part=Count("pk", filter=Q(is_comparison=False)),
        comparison=Count("pk", filter=Q(is_comparison=True)),
        workforce=Sum("enterprise__employees_total", filter=Q(is_comparison=False)),
        **statuses,
    )
    row["workforce"] = row["workforce"] or 0
    row["by_status"] = [(label, row[value]) for value, label in ParticipationStatus.choices]
    return row


def partnership_list(user, *, q: str = "", programme=None, sponsor=None) -> QuerySet[Partnership]:
    qs = partnerships_visible_to(user).select_related("sponsor", "programme")
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(code__icontains=q)
            | Q(sponsor__name__icontains=q)
            | Q(sponsor__short_name__icontains=q)
        )
    if programme:
        qs = qs.filter(programme=programme)
    if sponsor:
        qs = qs.filter(sponsor=sponsor)
    return qs.annotate(
        enterprise_count=Count(
            "participations__enterprise",
            filter=Q(participations__enterprise__in=enterprises_in_results_scope(user)),
            distinct=True,
        )
    ).order_by("-start_date", "code")


def providers_visible_to(user) -> QuerySet[Organisation]:
    """Training institutions and BDS providers the user may see (for choices and filters)."""
    return organisations_visible_to(user).filter(kind__in=PROVIDER_KINDS).order_by("name")


def sponsors_visible_to(user) -> QuerySet[Organisation]:
    """Organisations that sponsor a partnership the user may see (for the list filter)."""
    return organisations_visible_to(user).filter(
        pk__in=partnerships_visible_to(user).values("sponsor_id")
    )


def partnership_detail(user, pk: int) -> Partnership:
    """The partnership if the user may see it; raises Partnership.DoesNotExist otherwise."""
    return (
        partnerships_visible_to(user)
        .select_related("sponsor", "programme__country")
        .annotate(
            sponsor_is_visible=Exists(
                organisations_visible_to(user).filter(pk=OuterRef("sponsor_id"))
            )
        )
        .get(pk=pk)
    )


def partnership_coverage(user, partnership: Partnership) -> dict:
    """The enterprises a partnership covers: counted over the user's results scope (a
    sponsor sees every supplier it sponsors in the totals), named only where the user may
    see the enterprise itself (a sponsor sees consenting suppliers only)."""
    covered_ids = Participation.objects.filter(partnership=partnership).values("enterprise_id")
    totals = (
        enterprises_in_results_scope(user)
        .filter(pk__in=covered_ids)
        .aggregate(enterprises=Count("pk"), workforce=Sum("employees_total"))
    )
    named = (
        enterprises_visible_to(user)
        .filter(pk__in=covered_ids)
        .select_related("country")
        .order_by("name", "code")
    )
    return {
        "enterprises": totals["enterprises"],
        "workforce": totals["workforce"] or 0,
        "named": named,
    }
