from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from score.accounts.scopes import partnerships_visible_to, programmes_visible_to
from score.core.pages import render_list
from score.programmes.models import Partnership, Programme
from score.results import permissions
from score.results.builders import build_results
from score.results.exporters import FORMATS, export, filename, template_context
from score.results.forms import ReportFilterForm


def _form(request) -> ReportFilterForm:
    """The filter form, after a 404 for a programme or partnership the user may not see."""
    user = request.user
    programmes = programmes_visible_to(user)
    partnerships = partnerships_visible_to(user)
    code = request.GET.get("programme", "")
    if code and not programmes.filter(code=code).exists():
        raise Http404
    partnership = request.GET.get("partnership", "")
    if partnership and not partnerships.filter(code=partnership).exists():
        raise Http404
    return ReportFilterForm(
        request.GET if code else None, programmes=programmes, partnerships=partnerships
    )


def _report(request, form):
    data = form.cleaned_data
    try:
        return build_results(
            request.user,
            programme=data["programme"],
            partnership=data.get("partnership"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
    except (Programme.DoesNotExist, Partnership.DoesNotExist):
        raise Http404 from None


def _query(form) -> str:
    data = form.cleaned_data
    params = {"programme": data["programme"].code}
    if data.get("partnership"):
        params["partnership"] = data["partnership"].code
    for key in ("date_from", "date_to"):
        if data.get(key):
            params[key] = data[key].isoformat()
    return urlencode(params)


@login_required
def report_page(request):
    form = _form(request)  # 404 first: a programme the user may not see
    permissions.check_can_view_results(request.user)
    context = {"form": form, "programmes": form.fields["programme"].queryset}
    if form.is_bound and form.is_valid():
        report = _report(request, form)
        query = _query(form)
        context.update(template_context(report))
        context["downloads"] = [
            (fmt.upper(), reverse("results:report_download", args=[fmt]) + "?" + query)
            for fmt in ("pdf", "xlsx", "csv", "json")
        ]
    return render_list(request, "results/report.html", context)


@login_required
def report_download(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    form = _form(request)
    permissions.check_can_view_results(request.user)
    if not form.is_bound:
        return HttpResponseBadRequest(_("Choose a programme for the report."))
    if not form.is_valid():
        problems = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")
    report = _report(request, form)
    response = HttpResponse(export(report, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(report, fmt)}"'
    return response
