from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from score.accounts.scopes import scope_of
from score.web.queries import dashboard_counts


@login_required
def home(request):
    scope = scope_of(request.user)
    return render(
        request,
        "web/home.html",
        {"counts": dashboard_counts(request.user), "scope": scope, "no_role": scope.is_empty},
    )
