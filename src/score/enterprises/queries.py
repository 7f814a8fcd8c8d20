"""Reads of enterprises that pages and exports share. All start from the user's scope."""

from django.db.models import Prefetch, Q, QuerySet

from score.accounts.models import Role, User
from score.accounts.scopes import enterprises_visible_to
from score.enterprises.models import Enterprise, Participation, SupplyLink


def enterprise_list(
    user,
    *,
    q: str = "",
    country=None,
    programme=None,
    sector: str = "",
    size_class: str = "",
    status: str = "",
) -> QuerySet[Enterprise]:
    qs = enterprises_visible_to(user).select_related("country")
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(code__icontains=q)
            | Q(region__icontains=q)
            | Q(city__icontains=q)
            | Q(products__icontains=q)
            | Q(industry__icontains=q)
            | Q(cluster__icontains=q)
        )
    if country:
        qs = qs.filter(country=country)
    if programme:
        qs = qs.filter(participations__programme=programme)
    if sector:
        qs = qs.filter(sector=sector)
    if size_class:
        qs = qs.filter(size_class=size_class)
    if status:
        qs = qs.filter(status=status)
    return qs.prefetch_related(
        Prefetch("supply_links", queryset=SupplyLink.objects.select_related("buyer"))
    ).order_by("name", "code")


def enterprise_detail(user, pk: int) -> Enterprise:
    """The enterprise if the user may see it; raises Enterprise.DoesNotExist otherwise."""
    return (
        enterprises_visible_to(user)
        .select_related("country")
        .prefetch_related(
            Prefetch("supply_links", queryset=SupplyLink.objects.select_related("buyer")),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "programme", "provider", "partnership"
                ).prefetch_related("trainers"),
            ),
            "people",
        )
        .get(pk=pk)
    )


def trainer_users() -> QuerySet[User]:
    return User.objects.filter(memberships__role=Role.TRAINER, is_active=True).distinct()
