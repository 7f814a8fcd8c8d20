"""The calendar: a month of classes and visits in the user's scope, as a grid and a day list,
with filters, month navigation and forgiving handling of a bad month."""

import calendar as std_calendar
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from score.web import calendar
from score.web.calendar import Month
from tests.counselling.factories import EnrolmentFactory, VisitFactory, trainer_user
from tests.playwright_fixtures import sideways_overflow
from tests.training.factories import SessionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 12)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: TODAY)
    return TODAY


def month_of(client, **params):
    response = client.get(reverse("web:calendar"), params)
    assert response.status_code == 200
    return response


def titles(response) -> set[str]:
    return {(e.on, e.title) for week in response.context["weeks"] for d in week for e in d.entries}


@pytest.fixture
def plan(world, trainer):
    """March 2025: the trainer's visits and class at ``provided``, another trainer's visit at
    ``unrelated_cn``, a class and a visit in Viet Nam, and a class in April."""
    other = trainer_user(organisation=world.other_provider)
    provided = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        provider=world.provider,
        trainer=trainer,
        classroom_done=True,
    )
    unrelated = EnrolmentFactory(
        enterprise=world.unrelated_cn, programme=world.programme, classroom_done=True
    )
    foreign = EnrolmentFactory(
        enterprise=world.foreign, programme=world.other_programme, classroom_done=True
    )
    return {
        "other": other,
        "done": VisitFactory(enrolment=provided, trainer=trainer, sequence=1, done_on=days(-2)),
        "planned": VisitFactory(
            enrolment=provided, trainer=trainer, sequence=2, planned=True, planned_on=days(5)
        ),
        "overdue": VisitFactory(
            enrolment=provided,
            trainer=trainer,
            kind="final",
            sequence=1,
            planned=True,
            planned_on=days(-1),
        ),
        "cancelled": VisitFactory(
            enrolment=provided,
            trainer=trainer,
            sequence=3,
            status="cancelled",
            planned_on=days(6),
            done_on=None,
            hours=None,
        ),
        "unrelated": VisitFactory(enrolment=unrelated, trainer=other, sequence=1, done_on=days(1)),
        "foreign": VisitFactory(enrolment=foreign, trainer=other, sequence=1, done_on=days(2)),
        "class": SessionFactory(
            programme=world.programme,
            provider=world.provider,
            title="Shenyang WC class 2",
            start_date=days(3),
            end_date=days(4),
            enrolments=[provided],
            trainers=[trainer],
        ),
        "others_class": SessionFactory(
            programme=world.programme,
            provider=world.other_provider,
            title="Chongqing WC class 1",
            start_date=days(8),
            end_date=days(8),
            enrolments=[unrelated],
            trainers=[other],
        ),
        "foreign_class": SessionFactory(
            programme=world.other_programme,
            title="Hanoi class",
            start_date=days(6),
            end_date=days(6),
            enrolments=[foreign],
        ),
        "april_class": SessionFactory(
            programme=world.programme,
            provider=world.provider,
            title="Shenyang QM class 1",
            start_date=datetime.date(2025, 4, 2),
            end_date=datetime.date(2025, 4, 2),
            enrolments=[provided],
            trainers=[trainer],
        ),
    }


PROVIDED = {
    (days(-2), "Provided Machinery"),
    (days(-1), "Provided Machinery"),
    (days(5), "Provided Machinery"),
    (days(3), "Shenyang WC class 2 (day 1 of 2)"),
    (days(4), "Shenyang WC class 2 (day 2 of 2)"),
}
UNRELATED = {(days(1), "Unrelated Auto Parts"), (days(8), "Chongqing WC class 1")}
FOREIGN = {(days(2), "Hanoi Furniture"), (days(6), "Hanoi class")}


# Scope


def test_coordinator_sees_the_classes_and_visits_of_their_country(coordinator, plan, login):
    assert titles(month_of(login(coordinator))) == PROVIDED | UNRELATED


def test_admin_sees_every_class_and_visit(admin_user, plan, login):
    assert titles(month_of(login(admin_user))) == PROVIDED | UNRELATED | FOREIGN


def test_trainer_sees_only_the_enterprises_assigned_to_them(trainer, plan, login):
    assert titles(month_of(login(trainer))) == PROVIDED


def test_provider_staff_see_what_their_organisation_delivers(provider_staff, plan, login):
    assert titles(month_of(login(provider_staff))) == PROVIDED


def test_enterprise_user_sees_their_class_but_no_visit_reports(enterprise_user, plan, login):
    assert titles(month_of(login(enterprise_user))) == {(days(8), "Chongqing WC class 1")}


@pytest.mark.parametrize("name", ["donor_user", "outsider"])
def test_users_without_working_scope_see_an_empty_month(name, request, plan, login):
    response = month_of(login(request.getfixturevalue(name)))
    assert titles(response) == set()
    assert "No classes or visits this month" in response.content.decode()


def test_calendar_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(reverse("web:calendar"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_cancelled_visits_are_left_out(admin_user, plan, login):
    assert (days(6), "Provided Machinery") not in titles(month_of(login(admin_user)))


def test_a_planned_visit_whose_date_has_passed_is_marked_overdue(trainer, plan, login):
    response = month_of(login(trainer))
    entries = {e.on: e for week in response.context["weeks"] for d in week for e in d.entries}
    assert entries[days(-1)].overdue
    assert not entries[days(5)].overdue
    assert "overdue" in response.content.decode()


# The month


def test_the_current_month_is_shown_by_default(trainer, plan, login):
    assert month_of(login(trainer)).context["month"] == Month(2025, 3)


def test_month_grid_is_whole_weeks_starting_on_the_locales_first_day(trainer, plan, login):
    weeks = month_of(login(trainer)).context["weeks"]
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].date == datetime.date(2025, 2, 23)  # English weeks start on Sunday
    assert weeks[-1][-1].date == datetime.date(2025, 4, 5)
    outside = [d for week in weeks for d in week if not d.in_month]
    assert all(not d.entries for d in outside)
    assert [d.date for week in weeks for d in week if d.is_today] == [TODAY]


def test_another_month_is_chosen_with_the_month_parameter(trainer, plan, login):
    response = month_of(login(trainer), month="2025-04")
    assert titles(response) == {(datetime.date(2025, 4, 2), "Shenyang QM class 1")}


def test_previous_and_next_links_keep_the_filters(coordinator, plan, login, world):
    body = month_of(
        login(coordinator), month="2025-01", kind="session", programme=world.programme.pk
    ).content.decode()
    assert f"?month=2024-12&amp;kind=session&amp;programme={world.programme.pk}" in body
    assert f"?month=2025-02&amp;kind=session&amp;programme={world.programme.pk}" in body
    assert "Back to this month" in body


@pytest.mark.parametrize("value", ["2026-13", "abc", "2026-1", "0000-01", "2026-00", "9" * 40])
def test_a_bad_month_gives_a_message_and_the_current_month(trainer, plan, login, value):
    response = month_of(login(trainer), month=value)
    assert response.context["month"] == Month(2025, 3)
    assert titles(response) == PROVIDED
    body = response.content.decode()
    assert "is not a month" in body
    assert "This month is shown instead." in body


@pytest.mark.parametrize("value", ["9999-12", "9999-11", "1900-01"])
def test_the_first_and_last_months_a_user_can_type_give_a_page(trainer, login, value):
    response = month_of(login(trainer), month=value)
    assert str(response.context["month"]) == value
    assert response.context["month_error"] is None


def test_the_last_month_has_no_next_link_and_the_first_no_previous_link(trainer, login):
    last = month_of(login(trainer), month="9999-12").content.decode()
    assert "?month=9999-11" in last
    assert 'rel="next"' not in last
    first = month_of(login(trainer), month="1900-01").content.decode()
    assert "?month=1900-02" in first
    assert 'rel="prev"' not in first


def test_the_last_week_of_9999_ends_in_empty_days():
    weeks = calendar.month_weeks(Month(9999, 12), [], today=TODAY)
    assert weeks[-1][-1].date is None  # 9999-12-31 is a Friday
    dates = [d.date for week in weeks for d in week if d.date]
    assert dates[-1] == datetime.date(9999, 12, 31)
    assert all(len(week) == 7 for week in weeks)


def test_weeks_match_the_standard_calendar_away_from_the_limits():
    for month in (Month(2025, 3), Month(2024, 2), Month(1900, 1), Month(2026, 11)):
        weeks = [[d.date for d in week] for week in calendar.month_weeks(month, [], today=TODAY)]
        expected = std_calendar.Calendar(calendar.first_weekday()).monthdatescalendar(
            month.year, month.month
        )
        assert weeks == expected


def test_month_stops_at_the_limits():
    assert Month(9999, 12).next is None
    assert Month(1900, 1).previous is None


def test_month_rolls_over_the_year():
    assert Month(2025, 12).next == Month(2026, 1)
    assert Month(2025, 1).previous == Month(2024, 12)
    assert str(Month(2026, 11)) == "2026-11"
    assert Month(2024, 2).last == datetime.date(2024, 2, 29)


def test_page_has_an_accessible_grid_and_a_day_list_for_phones(trainer, plan, login):
    body = month_of(login(trainer)).content.decode()
    assert '<table class="month-grid" aria-labelledby="month-heading">' in body
    assert '<th scope="col"><abbr title="Sunday">Sun</abbr></th>' in body
    assert 'aria-current="date"' in body
    assert '<ol class="day-list"' in body
    assert f'<time datetime="{days(5).isoformat()}">' in body
    assert reverse("counselling:visit_detail", args=[plan["planned"].pk]) in body
    assert reverse("training:session_detail", args=[plan["class"].pk]) in body


def test_htmx_filter_returns_only_the_month(trainer, plan, login):
    response = login(trainer).get(
        reverse("web:calendar"), {"kind": "session"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="month"')
    assert "<html" not in body


# Filters


def test_kind_filter_shows_only_classes(trainer, plan, login):
    assert titles(month_of(login(trainer), kind="session")) == {
        (days(3), "Shenyang WC class 2 (day 1 of 2)"),
        (days(4), "Shenyang WC class 2 (day 2 of 2)"),
    }


def test_kind_filter_shows_only_planned_visits(trainer, plan, login):
    assert titles(month_of(login(trainer), kind="planned")) == {
        (days(-1), "Provided Machinery"),
        (days(5), "Provided Machinery"),
    }


def test_programme_filter(admin_user, plan, login, world):
    response = month_of(login(admin_user), programme=world.other_programme.pk)
    assert titles(response) == FOREIGN


def test_coordinator_filters_by_trainer(coordinator, plan, login):
    response = month_of(login(coordinator), trainer=plan["other"].pk)
    assert titles(response) == UNRELATED


def test_trainer_choices_are_the_trainers_in_the_coordinators_scope(
    coordinator, plan, login, trainer
):
    form = month_of(login(coordinator)).context["form"]
    assert set(form.fields["trainer"].queryset) == {trainer, plan["other"]}


def test_trainers_get_no_trainer_filter(trainer, plan, login):
    response = month_of(login(trainer), trainer=plan["other"].pk)
    assert "trainer" not in response.context["form"].fields
    assert titles(response) == PROVIDED


@pytest.mark.parametrize("params", [{"programme": "abc"}, {"kind": "party"}, {"trainer": "999999"}])
def test_a_bad_filter_shows_an_error_and_the_unfiltered_month(coordinator, plan, login, params):
    response = month_of(login(coordinator), **params)
    assert response.context["form"].errors
    assert titles(response) == PROVIDED | UNRELATED


def test_a_programme_outside_the_scope_cannot_be_chosen(coordinator, plan, login, world):
    response = month_of(login(coordinator), programme=world.other_programme.pk)
    assert "programme" in response.context["form"].errors
    assert not titles(response) & FOREIGN


# Navigation and cost


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("admin_user", True),
        ("coordinator", True),
        ("provider_staff", True),
        ("trainer", True),
        ("enterprise_user", False),
        ("sponsor_user", False),
        ("donor_user", False),
    ],
)
def test_calendar_is_in_the_navigation_of_working_roles(name, shown, request, login):
    response = login(request.getfixturevalue(name)).get(reverse("home"))
    labels = {str(item["label"]) for item in response.context["nav_items"]}
    assert ("Calendar" in labels) is shown


def _queries(client, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("web:calendar"), params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["coordinator", "trainer"])
def test_calendar_costs_the_same_for_few_and_many_entries(name, request, world, login):
    user = request.getfixturevalue(name)
    client = login(user)
    trainer = request.getfixturevalue("trainer")
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, trainer=trainer, classroom_done=True
    )
    VisitFactory(enrolment=enrolment, trainer=trainer, sequence=1, done_on=days(-1))
    few = _queries(client)
    for i in range(2, 30):
        VisitFactory(enrolment=enrolment, trainer=trainer, sequence=i, done_on=days(-(i % 10)))
    for i in range(5):
        SessionFactory(
            programme=world.programme,
            start_date=days(i),
            end_date=days(i + 1),
            enrolments=[enrolment],
            trainers=[trainer],
        )
    assert _queries(client) == few


# In the browser (Chromium, 390 px wide unless resized)


def test_phone_shows_a_day_list_and_a_desktop_the_month_grid(page, log_in, trainer, plan):
    log_in(trainer)
    page.goto(reverse("web:calendar"))
    grid = page.get_by_role("table", name="March 2025")
    day = page.get_by_role("heading", name=days(5).strftime("%A %-d %B"))
    expect(grid).to_be_hidden()
    expect(day).to_be_visible()
    assert sideways_overflow(page) <= 0
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(grid).to_be_visible()
    expect(day).to_be_hidden()
    expect(grid.get_by_role("link", name="Shenyang WC class 2 (day 1 of 2)")).to_be_visible()


def test_next_month_link_moves_the_calendar_on(page, log_in, trainer, plan):
    log_in(trainer)
    page.goto(reverse("web:calendar"))
    page.get_by_role("link", name="April 2025").click()
    expect(page.get_by_role("heading", name="April 2025")).to_be_visible()
    expect(page.get_by_role("link", name="Shenyang QM class 1")).to_be_visible()
