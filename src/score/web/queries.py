"""Reads for the home dashboard: counts within the user's scope, one query each."""

from django.db.models import Count, Q, Sum

from score.accounts.scopes import (
    enterprises_in_results_scope,
    enterprises_visible_to,
    organisations_visible_to,
    partnerships_visible_to,
    people_visible_to,
    programmes_visible_to,
)


def dashboard_counts(user) -> dict:
    in_scope = enterprises_in_results_scope(user).aggregate(
        enterprises=Count("pk"),
        workforce=Sum("employees_total"),
        workforce_female=Sum("employees_female"),
    )
    people = people_visible_to(user).aggregate(
        total=Count("pk"), female=Count("pk", filter=Q(sex="female"))
    )
    return {
        "programmes": programmes_visible_to(user).count(),
        "enterprises_visible": enterprises_visible_to(user).count(),
        "enterprises_in_scope": in_scope["enterprises"] or 0,
        "workforce": in_scope["workforce"] or 0,
        "workforce_female": in_scope["workforce_female"] or 0,
        "people": people["total"],
        "people_female": people["female"],
        "partnerships": partnerships_visible_to(user).count(),
        "organisations": organisations_visible_to(user).count(),
    }
