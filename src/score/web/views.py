from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from score.accounts.actions import reset_calendar_token
from score.accounts.models import User
from score.accounts.scopes import enterprises_visible_to, programmes_visible_to, scope_of
from score.core.exceptions import ActionError
from score.core.pages import render_list
from score.counselling.permissions import chooses_trainer
from score.web import calendar, ical, timeline
from score.web.forms import CalendarFilterForm, TimelineFilterForm
from score.web.queries import dashboard_counts


@login_required
def home(request):
    scope = scope_of(request.user)
    return render(
        request,
        "web/home.html",
        {"counts": dashboard_counts(request.user), "scope": scope, "no_role": scope.is_empty},
    )


# Enterprise timeline


@login_required
def enterprise_timeline(request, pk):
    enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=pk)
    form = TimelineFilterForm(
        request.GET or None, modules=timeline.module_choices(request.user, enterprise)
    )
    filters = _valid_filters(form)
    page = timeline.enterprise_timeline(
        request.user, enterprise, today=timezone.localdate(), **filters
    )
    return render_list(
        request,
        "web/timeline.html",
        {"enterprise": enterprise, "form": form, "timeline": page, "filtered": bool(filters)},
        partial="events",
    )


def _valid_filters(form) -> dict:
    """The filters that validated, even when others did not (an unknown choice is dropped
    and shown as an error on its field)."""
    form.is_valid()
    return {k: v for k, v in getattr(form, "cleaned_data", {}).items() if v not in (None, "")}


# Calendar


@login_required
@require_safe
def calendar_month(request):
    user = request.user
    today = timezone.localdate()
    form = CalendarFilterForm(
        request.GET or None,
        programmes=programmes_visible_to(user),
        trainers=calendar.trainer_choices(user) if chooses_trainer(user) else None,
        initial={"month": str(calendar.Month.of(today))},
    )
    filters = _valid_filters(form)
    month = filters.pop("month", None) or calendar.Month.of(today)
    entries = calendar.month_entries(user, month, today=today, **filters)
    params = request.GET.copy()
    params.pop("month", None)
    return render_list(
        request,
        "web/calendar.html",
        {
            "form": form,
            "month": month,
            "weeks": calendar.month_weeks(month, entries, today=today),
            "days": _days_with_entries(entries),
            "entry_count": len(entries),
            "other_params": params.urlencode(),
            "this_month": calendar.Month.of(today),
            "today": today,
            "month_error": form.errors.get("month") if form.is_bound else None,
        },
        partial="month",
    )


def _days_with_entries(entries):
    days: dict = {}
    for entry in entries:
        days.setdefault(entry.on, []).append(entry)
    return list(days.items())


@login_required
def calendar_feed(request):
    if request.method == "POST":
        had_address = bool(request.user.calendar_token)
        try:
            reset_calendar_token(user=request.user, by=request.user)
        except ActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "Your calendar feed has a new address. Calendars subscribed to the old "
                    "address stop updating: subscribe again with the address below."
                )
                if had_address
                else _(
                    "Your calendar feed is ready. Copy its address below into your calendar app."
                ),
            )
        return redirect("web:calendar_feed")
    path = calendar.feed_path(request.user)
    return render(
        request,
        "web/calendar_feed.html",
        {
            "feed_url": request.build_absolute_uri(path) if path else "",
            "days_back": calendar.FEED_DAYS_BACK,
            "days_ahead": calendar.FEED_DAYS_AHEAD,
        },
    )


@require_safe
def calendar_ics(request, token):
    """A trainer's classes and visits as iCalendar, for calendar apps that subscribe to the
    address. The secret key in the address stands in for a login; unknown keys get 404."""
    if not token:
        raise Http404
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404
    with translation.override(user.language or settings.LANGUAGE_CODE):
        events = calendar.feed_events(
            user, today=timezone.localdate(), absolute=request.build_absolute_uri
        )
        body = ical.calendar(events, name=_("SCORE — %(name)s") % {"name": user})
    response = HttpResponse(body.encode("utf-8"), content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="score-calendar.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
