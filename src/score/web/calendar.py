"""The calendar of classes and visits: a month of them in the user's scope, laid out as
weeks, and a trainer's own classes and visits as iCalendar events for their feed.

Each read is one query per source (class days, visits), started from the user's scope in
``score.accounts.scopes``, so a month costs the same with 3 entries or 3,000."""

import calendar as std_calendar
import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from score.accounts.models import User
from score.accounts.scopes import sessions_visible_to, visits_visible_to
from score.counselling.models import VisitStatus
from score.training.models import SessionDay
from score.web import ical

# Kinds of calendar entry (the filter's choices and the CSS modifier of each entry).
SESSION = "session"
PLANNED = "planned"
DONE = "done"
KIND_CHOICES = [
    (SESSION, gettext_lazy("Classes")),
    (PLANNED, gettext_lazy("Planned visits")),
    (DONE, gettext_lazy("Visits done")),
]

KIND_LABELS = {
    SESSION: gettext_lazy("Class"),
    PLANNED: gettext_lazy("Planned visit"),
    DONE: gettext_lazy("Visit done"),
}

# The feed covers this window around today.
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 180

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

# The months the calendar shows: what ``YYYY-MM`` can name from 1900 on (Python's dates end
# on 9999-12-31).
FIRST_YEAR = 1900
LAST_YEAR = 9999


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: datetime.date) -> "Month":
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, value: str) -> "Month | None":
        """``YYYY-MM`` as a Month; None unless it names a real month from 1900 to 9999."""
        match = _MONTH.match(value or "")
        if not match:
            return None
        year, month = int(match[1]), int(match[2])
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            return None
        return cls(year, month)

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last(self) -> datetime.date:
        return datetime.date(
            self.year, self.month, std_calendar.monthrange(self.year, self.month)[1]
        )

    @property
    def previous(self) -> "Month | None":
        """The month before, or None before the first month the calendar shows."""
        if self.month > 1:
            return Month(self.year, self.month - 1)
        return Month(self.year - 1, 12) if self.year > FIRST_YEAR else None

    @property
    def next(self) -> "Month | None":
        """The month after, or None after the last month the calendar shows."""
        if self.month < 12:
            return Month(self.year, self.month + 1)
        return Month(self.year + 1, 1) if self.year < LAST_YEAR else None

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return formats.date_format(self.first, "YEAR_MONTH_FORMAT")


@dataclass
class Entry:
    on: datetime.date
    kind: str  # SESSION, PLANNED or DONE
    title: str
    detail: str
    url: str
    overdue: bool = False
    sort: tuple = ()

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass
class Day:
    date: datetime.date | None  # None past the last day Python's dates reach (9999-12-31)
    in_month: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)


def trainer_choices(user):
    """Trainers of the classes and visits the user may see (for the filter)."""
    return User.objects.filter(
        Q(pk__in=visits_visible_to(user).exclude(trainer=None).values("trainer_id"))
        | Q(pk__in=sessions_visible_to(user).exclude(trainers=None).values("trainers"))
    ).order_by("full_name", "email")


def _day_numbers(days):
    """Annotate each class day with its number and the class's number of days."""
    same_session = SessionDay.objects.filter(session=OuterRef("session")).order_by()
    count = Count("pk")
    return days.annotate(
        number=Subquery(
            same_session.filter(date__lte=OuterRef("date"))
            .values("session")
            .annotate(n=count)
            .values("n"),
            output_field=IntegerField(),
        ),
        of=Subquery(
            same_session.values("session").annotate(n=count).values("n"),
            output_field=IntegerField(),
        ),
    )


def class_days(user, start: datetime.date, end: datetime.date, *, programme=None, trainer=None):
    """Days between ``start`` and ``end`` on which classes the user may see meet."""
    sessions = sessions_visible_to(user)
    if programme:
        sessions = sessions.filter(programme=programme)
    if trainer:
        sessions = sessions.filter(trainers=trainer)
    days = SessionDay.objects.filter(session__in=sessions.values("pk"), date__range=(start, end))
    return _day_numbers(days).select_related("session__module", "session__programme")


def visits_between(user, start: datetime.date, end: datetime.date, *, programme=None, trainer=None):
    """Planned and done visits the user may see whose date (done, else planned) falls between
    ``start`` and ``end``, each with ``visit_date``."""
    qs = (
        visits_visible_to(user)
        .exclude(status=VisitStatus.CANCELLED)
        .annotate(visit_date=Coalesce("done_on", "planned_on"))
        .filter(visit_date__range=(start, end))
    )
    if programme:
        qs = qs.filter(enrolment__programme=programme)
    if trainer:
        qs = qs.filter(trainer=trainer)
    return qs.select_related(
        "enrolment__enterprise", "enrolment__module", "enrolment__programme", "trainer"
    )


def _day_title(day) -> str:
    if day.of and day.of > 1:
        return _("%(title)s (day %(n)s of %(of)s)") % {
            "title": day.session.title,
            "n": day.number,
            "of": day.of,
        }
    return day.session.title


def month_entries(
    user, month: Month, *, today: datetime.date, programme=None, trainer=None, kind: str = ""
) -> list[Entry]:
    """The month's class days and visits the user may see, by date."""
    entries = []
    if kind in ("", SESSION):
        for day in class_days(user, month.first, month.last, programme=programme, trainer=trainer):
            session = day.session
            where = _("online") if session.is_online else session.venue
            entries.append(
                Entry(
                    day.date,
                    SESSION,
                    _day_title(day),
                    f"{session.module} · {session.programme.code} · {where}",
                    session.get_absolute_url(),
                    sort=(0, session.title, session.pk),
                )
            )
    if kind in ("", PLANNED, DONE):
        visits = visits_between(user, month.first, month.last, programme=programme, trainer=trainer)
        if kind:
            visits = visits.filter(status=kind)
        for visit in visits:
            enrolment = visit.enrolment
            detail = f"{visit.label} · {enrolment.module}"
            if visit.trainer_id:
                detail += f" · {visit.trainer}"
            entries.append(
                Entry(
                    visit.visit_date,
                    DONE if visit.status == VisitStatus.DONE else PLANNED,
                    enrolment.enterprise.name,
                    detail,
                    visit.get_absolute_url(),
                    overdue=visit.status == VisitStatus.PLANNED and visit.visit_date < today,
                    sort=(1, enrolment.enterprise.name, visit.pk),
                )
            )
    entries.sort(key=lambda e: (e.on, e.sort))
    return entries


def first_weekday() -> int:
    """The first day of the week in the active language, as Python's calendar counts
    (Monday 0); Django's FIRST_DAY_OF_WEEK counts from Sunday."""
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def _week_dates(month: Month) -> list[list[datetime.date | None]]:
    """The dates of the weeks that hold the month, starting on the active language's first
    day of the week; a day after 9999-12-31 (which Python cannot name) is None."""
    start = month.first - datetime.timedelta(days=(month.first.weekday() - first_weekday()) % 7)
    weeks, week, day = [], [], start
    while day is not None and (day <= month.last or week):
        week.append(day)
        if len(week) == 7:
            weeks.append(week)
            week = []
        day = day + datetime.timedelta(days=1) if day < datetime.date.max else None
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    return weeks


def month_weeks(month: Month, entries: list[Entry], *, today: datetime.date) -> list[list[Day]]:
    """The month as weeks of days (with the days of the neighbouring months that complete
    them), each day with its entries."""
    by_date: dict[datetime.date, list[Entry]] = {}
    for entry in entries:
        by_date.setdefault(entry.on, []).append(entry)

    def in_month(d: datetime.date | None) -> bool:
        return d is not None and d.month == month.month

    return [
        [Day(d, in_month(d), d == today, by_date.get(d, []) if in_month(d) else []) for d in week]
        for week in _week_dates(month)
    ]


# --- The trainer's iCalendar feed ---------------------------------------------------------


def _join(*parts) -> str:
    return ", ".join(p for p in parts if p)


def feed_events(user, *, today: datetime.date, absolute) -> list[ical.Event]:
    """The user's own visits and the days of the classes they teach, from FEED_DAYS_BACK
    days ago to FEED_DAYS_AHEAD days ahead. ``absolute`` turns a path into a full URL."""
    start = today - datetime.timedelta(days=FEED_DAYS_BACK)
    end = today + datetime.timedelta(days=FEED_DAYS_AHEAD)
    events = []
    visits = (
        visits_visible_to(user)
        .filter(trainer=user)
        .annotate(visit_date=Coalesce("done_on", "planned_on"))
        .filter(visit_date__range=(start, end))
        .select_related("enrolment__enterprise", "enrolment__module", "enrolment__programme")
        .order_by("visit_date", "pk")
    )
    statuses = {VisitStatus.CANCELLED: ical.CANCELLED}
    for visit in visits:
        enterprise, enrolment = visit.enrolment.enterprise, visit.enrolment
        lines = [
            _("%(module)s, %(programme)s")
            % {"module": enrolment.module, "programme": enrolment.programme.code},
            _("Status: %(status)s") % {"status": visit.get_status_display()},
        ]
        if enterprise.contact_name or enterprise.contact_phone:
            lines.append(
                _("Contact: %(contact)s")
                % {"contact": _join(enterprise.contact_name, enterprise.contact_phone)}
            )
        if visit.findings:
            lines.append(_("Findings: %(text)s") % {"text": visit.findings})
        if visit.next_steps:
            lines.append(_("Agreed next steps: %(text)s") % {"text": visit.next_steps})
        events.append(
            ical.Event(
                uid=f"visit-{visit.pk}@score",
                start=visit.visit_date,
                summary=_("%(visit)s visit: %(enterprise)s")
                % {"visit": visit.label, "enterprise": enterprise.name},
                stamp=visit.updated_at,
                location=_join(enterprise.address, enterprise.city, enterprise.region),
                description="\n".join(lines),
                status=statuses.get(visit.status, ical.CONFIRMED),
                url=absolute(visit.get_absolute_url()),
            )
        )
    sessions = sessions_visible_to(user).filter(trainers=user)
    days = (
        _day_numbers(
            SessionDay.objects.filter(session__in=sessions.values("pk"), date__range=(start, end))
        )
        .select_related("session__module", "session__programme")
        .order_by("date", "session_id")
    )
    for day in days:
        session = day.session
        lines = [
            _("%(module)s, %(programme)s")
            % {"module": session.module, "programme": session.programme.code}
        ]
        if session.is_online and session.online_link:
            lines.append(_("Join online: %(link)s") % {"link": session.online_link})
        events.append(
            ical.Event(
                uid=f"session-{session.pk}-{day.date:%Y%m%d}@score",
                start=day.date,
                summary=_("Class: %(title)s") % {"title": _day_title(day)},
                stamp=session.updated_at,
                location=_("Online") if session.is_online else session.venue,
                description="\n".join(lines),
                url=absolute(session.get_absolute_url()),
            )
        )
    return events


def feed_path(user) -> str:
    """The path of the user's feed, or "" while they have no key."""
    if not user.calendar_token:
        return ""
    return reverse("web:calendar_ics", args=[user.calendar_token])
