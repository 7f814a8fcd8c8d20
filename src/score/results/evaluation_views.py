"""Pages of the programme logframe (targets versus actuals, the IATI file), the enterprise
scorecard and the comparison-group estimate. Each view fetches through
``score.accounts.scopes`` (404 when not visible) and renders what the calculation modules
(logframe, iati, scorecard, comparison) return; none of them writes."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from score.accounts.scopes import (
    enterprises_visible_to,
    logframes_visible_to,
)
from score.programmes.permissions import can_set_logframe_targets
from score.results import comparison, iati, logframe, scorecard


@login_required
def programme_logframe(request, pk):
    programme = get_object_or_404(
        logframes_visible_to(request.user).select_related("country"), pk=pk
    )
    table = logframe.build_logframe(programme)
    return render(
        request,
        "results/logframe.html",
        {
            "programme": programme,
            "table": table,
            "can_set_targets": can_set_logframe_targets(request.user, programme),
        },
    )


@login_required
def programme_iati(request, pk):
    programme = get_object_or_404(
        logframes_visible_to(request.user).select_related("country"), pk=pk
    )
    response = HttpResponse(iati.iati_bytes(programme), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="iati-{programme.code}.xml"'
    return response


@login_required
def enterprise_scorecard(request, pk):
    enterprise = get_object_or_404(
        enterprises_visible_to(request.user).select_related("country"), pk=pk
    )
    return render(
        request,
        "results/scorecard.html",
        {"enterprise": enterprise, "card": scorecard.build_scorecard(enterprise)},
    )


@login_required
def programme_comparison(request, pk):
    programme = get_object_or_404(
        logframes_visible_to(request.user).select_related("country"), pk=pk
    )
    return render(
        request,
        "results/comparison.html",
        {"programme": programme, "estimate": comparison.build_comparison(programme)},
    )
