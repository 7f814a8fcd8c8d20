"""The enterprise timeline: every event in date order, the next step of each module under
way, filters, scoping per persona and a query count that does not grow with the events."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone
from playwright.sync_api import expect

from score.counselling.models import ImprovementProject
from tests.counselling.factories import (
    EnrolmentFactory,
    MeetingFactory,
    ProjectFactory,
    TeamFactory,
    TeamMemberFactory,
    VisitFactory,
    module,
)
from tests.factories import PersonFactory
from tests.playwright_fixtures import sideways_overflow
from tests.training.factories import ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 12)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: TODAY)
    return TODAY


def url(enterprise, **params):
    base = reverse("web:enterprise_timeline", args=[enterprise.pk])
    if params:
        base += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return base


def timeline_of(client, enterprise, **params):
    response = client.get(url(enterprise, **params))
    assert response.status_code == 200
    return response.context["timeline"]


def _date(day):
    return formats.date_format(day, "DATE_FORMAT")


@pytest.fixture
def story(world, trainer):
    """``provided``'s journey through Workplace Cooperation, with its team and a project."""
    world.provided.participations.update(joined_on=days(-220))
    enrolment = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        provider=world.provider,
        trainer=trainer,
        classroom_done=True,
    )
    session = SessionFactory(
        programme=world.programme,
        provider=world.provider,
        module=module(),
        title="Shenyang WC class 1",
        start_date=days(-152),
        end_date=days(-151),
        enrolments=[enrolment],
    )
    for role in ("manager", "worker"):
        ParticipantFactory(
            session=session, person=PersonFactory(enterprise=world.provided, role=role)
        )
    ParticipantFactory(session=session, person=PersonFactory(enterprise=world.unrelated_cn))
    VisitFactory(
        enrolment=enrolment, trainer=trainer, kind="baseline", sequence=1, done_on=days(-180)
    )
    VisitFactory(
        enrolment=enrolment,
        trainer=trainer,
        sequence=1,
        done_on=days(-100),
        findings="Suggestion box installed; 12 suggestions in the first month.",
    )
    VisitFactory(enrolment=enrolment, trainer=trainer, sequence=2, planned=True, planned_on=days(5))
    team = TeamFactory(enterprise=world.provided, programme=world.programme, formed_on=days(-140))
    TeamMemberFactory(
        team=team, person__name="Li Wei", person__role="manager", joined_on=days(-140)
    )
    MeetingFactory(team=team, held_on=days(-90), decisions="Start 5S in the assembly line.")
    project = ProjectFactory(
        enterprise=world.provided,
        team=team,
        module=module(),
        title="Cut rework on welding",
        status="done",
        started_on=days(-80),
        finished_on=days(-20),
    )
    ImprovementProject.objects.filter(pk=project.pk).update(
        created_at=datetime.datetime.combine(days(-85), datetime.time(9), tzinfo=datetime.UTC)
    )
    return enrolment


EXPECTED = [
    (-220, "programme", "Joined SCORE China Phase I"),
    (-200, "enrolment", "Registered for Workplace Cooperation"),
    (-180, "visit", "Baseline visit 1"),
    (-180, "enrolment", "Baseline done for Workplace Cooperation"),
    (-152, "classroom", "Class: Shenyang WC class 1"),
    (-150, "enrolment", "Classroom done for Workplace Cooperation"),
    (-140, "team", "Improvement team formed"),
    (-140, "team", "Li Wei (Manager) joined the improvement team"),
    (-100, "visit", "Follow-up visit 1"),
    (-90, "meeting", "Improvement team meeting"),
    (-85, "project", "Improvement project created: Cut rework on welding"),
    (-80, "project", "Improvement project started: Cut rework on welding"),
    (-20, "project", "Improvement project done: Cut rework on welding"),
    (5, "visit", "Follow-up visit 2"),
]


def test_timeline_lists_every_event_oldest_first(coordinator, story, login, world):
    events = timeline_of(login(coordinator), world.provided).events
    assert [(e.on, e.kind, e.title) for e in events] == [
        (days(n), kind, title) for n, kind, title in EXPECTED
    ]


def test_events_of_one_day_follow_the_delivery_sequence(coordinator, login, world):
    day = days(-10)
    enrolment = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        status="completed",
        registered_on=day,
        baseline_on=day,
        classroom_on=day,
        visits_done_on=day,
        completed_on=day,
    )
    SessionFactory(
        programme=world.programme,
        module=module(),
        title="One-day class",
        start_date=day,
        end_date=day,
        enrolments=[enrolment],
    )
    for n in (2, 1):
        VisitFactory(enrolment=enrolment, sequence=n, done_on=day)
    VisitFactory(enrolment=enrolment, kind="baseline", sequence=1, done_on=day)
    events = timeline_of(login(coordinator), world.provided).events
    assert [e.title for e in events if e.on == day] == [
        "Registered for Workplace Cooperation",
        "Baseline visit 1",
        "Baseline done for Workplace Cooperation",
        "Class: One-day class",
        "Classroom done for Workplace Cooperation",
        "Follow-up visit 1",
        "Follow-up visit 2",
        "Follow-up visits done for Workplace Cooperation",
        "Completed Workplace Cooperation",
    ]


def test_timeline_shows_class_participants_visit_findings_and_trainer(
    coordinator, story, login, world, trainer
):
    events = timeline_of(login(coordinator), world.provided).events
    by_title = {e.title: e for e in events}
    assert (
        "2 participants from this enterprise, 3 in the class"
        in by_title["Class: Shenyang WC class 1"].detail
    )
    follow_up = by_title["Follow-up visit 1"]
    assert "Suggestion box installed" in follow_up.detail
    assert str(trainer) in follow_up.detail
    assert follow_up.status == "Done"
    assert by_title["Follow-up visit 2"].status == "Planned"


def test_timeline_is_an_ordered_list_of_dated_events(coordinator, story, login, world):
    body = login(coordinator).get(url(world.provided)).content.decode()
    assert '<ol class="timeline"' in body
    assert f'<time datetime="{days(-152).isoformat()}">' in body
    assert f'<time datetime="{days(-151).isoformat()}">' in body  # the class's last day
    assert reverse("counselling:visit_detail", args=[story.visits.first().pk]) in body


def test_next_step_names_the_planned_follow_up_visit(coordinator, story, login, world):
    steps = timeline_of(login(coordinator), world.provided).next_steps
    assert [(s.text, s.state) for s in steps] == [
        (f"Follow-up visit 2 of 3 planned for {_date(days(5))}", "planned")
    ]


def test_next_step_says_since_when_a_follow_up_visit_is_overdue(coordinator, world, login):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, classroom_done=True
    )
    VisitFactory(enrolment=enrolment, sequence=1, done_on=days(-120))
    steps = timeline_of(login(coordinator), world.provided).next_steps
    # Three visits within 90 days of the class (days(-150)): the second was due on day 60.
    assert steps[0].text == f"Follow-up visit 2 of 3 overdue since {_date(days(-90))}"
    assert steps[0].state == "overdue"
    assert "overdue since" in login(coordinator).get(url(world.provided)).content.decode()


def test_next_step_says_since_when_a_planned_visit_is_overdue(coordinator, world, login):
    enrolment = EnrolmentFactory(enterprise=world.provided, programme=world.programme)
    VisitFactory(
        enrolment=enrolment, kind="baseline", sequence=1, planned=True, planned_on=days(-4)
    )
    steps = timeline_of(login(coordinator), world.provided).next_steps
    assert steps[0].text == f"Baseline visit overdue since {_date(days(-4))}"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("registered", "Baseline visit due"),
        ("baseline_done", "Classroom training to be scheduled"),
        ("visits_done", "Confirm completion of Workplace Cooperation and issue the certificate"),
    ],
)
def test_next_step_follows_the_enrolment_status(coordinator, world, login, status, expected):
    EnrolmentFactory(enterprise=world.provided, programme=world.programme, status=status)
    steps = timeline_of(login(coordinator), world.provided).next_steps
    assert [s.text for s in steps] == [expected]


@pytest.mark.parametrize("status", ["completed", "dropped"])
def test_finished_enrolments_have_no_next_step(coordinator, world, login, status):
    EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        status=status,
        dropped_reason="Closed" if status == "dropped" else "",
    )
    assert timeline_of(login(coordinator), world.provided).next_steps == []


def test_next_step_names_the_coming_class(coordinator, world, login):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, baseline_done=True
    )
    SessionFactory(
        programme=world.programme, start_date=days(8), end_date=days(9), enrolments=[enrolment]
    )
    steps = timeline_of(login(coordinator), world.provided).next_steps
    assert steps[0].text == f"Class planned for {_date(days(8))}"


# Filters


def test_module_filter_keeps_only_that_modules_events(coordinator, story, world, login):
    EnrolmentFactory(enterprise=world.provided, programme=world.programme, module=module("QM"))
    client = login(coordinator)
    everything = timeline_of(client, world.provided).events
    assert any("Quality Management" in e.title for e in everything)
    events = timeline_of(client, world.provided, module=module().pk).events
    assert events
    assert all(e.module == "Workplace Cooperation" for e in events)
    assert not any(e.kind in ("programme", "team", "meeting") for e in events)


def test_kind_filter_keeps_only_that_kind(coordinator, story, world, login):
    events = timeline_of(login(coordinator), world.provided, kind="visit").events
    assert [e.title for e in events] == [
        "Baseline visit 1",
        "Follow-up visit 1",
        "Follow-up visit 2",
    ]


@pytest.mark.parametrize("params", [{"module": "abc"}, {"kind": "gossip"}, {"module": "999999"}])
def test_bad_filter_shows_an_error_and_everything(coordinator, story, world, login, params):
    response = login(coordinator).get(url(world.provided, **params))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(response.context["timeline"].events) == len(EXPECTED)


def test_htmx_filter_returns_only_the_events(coordinator, story, world, login):
    response = login(coordinator).get(url(world.provided, kind="visit"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="events"')
    assert "<html" not in body


# Scope


VISIBLE = {
    "admin_user": {
        "provided",
        "sponsored_consenting",
        "sponsored_private",
        "unrelated_cn",
        "foreign",
    },
    "coordinator": {"provided", "sponsored_consenting", "sponsored_private", "unrelated_cn"},
    "provider_staff": {"provided"},
    "trainer": {"provided"},
    "enterprise_user": {"unrelated_cn"},
    "sponsor_user": {"sponsored_consenting"},
    "donor_user": set(),
    "outsider": set(),
}
ENTERPRISES = ["provided", "sponsored_consenting", "sponsored_private", "unrelated_cn", "foreign"]


@pytest.mark.parametrize("name", ENTERPRISES)
def test_timeline_answers_404_outside_the_personas_scope(persona, world, login, name):
    persona_name, user = persona
    response = login(user).get(url(getattr(world, name)))
    expected = 200 if name in VISIBLE[persona_name] else 404
    assert response.status_code == expected


def test_timeline_asks_anonymous_visitors_to_log_in(client, world):
    response = client.get(url(world.provided))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_enterprise_user_sees_the_team_and_projects_but_not_visit_reports(
    enterprise_user, world, login
):
    enrolment = EnrolmentFactory(
        enterprise=world.unrelated_cn, programme=world.programme, classroom_done=True
    )
    VisitFactory(enrolment=enrolment, sequence=1, findings="Confidential trainer notes")
    team = TeamFactory(enterprise=world.unrelated_cn)
    ProjectFactory(enterprise=world.unrelated_cn, team=team, title="Less waste")
    response = login(enterprise_user).get(url(world.unrelated_cn))
    kinds = {e.kind for e in response.context["timeline"].events}
    assert kinds == {"enrolment", "team", "project"}
    assert "Confidential trainer notes" not in response.content.decode()
    assert [s.text for s in response.context["timeline"].next_steps] == [
        "Follow-up visits under way"
    ]


def test_sponsor_sees_the_consenting_suppliers_modules_but_not_its_visits_or_team(
    sponsor_user, world, login
):
    enrolment = EnrolmentFactory(
        enterprise=world.sponsored_consenting, programme=world.programme, classroom_done=True
    )
    VisitFactory(enrolment=enrolment, sequence=1)
    TeamFactory(enterprise=world.sponsored_consenting)
    events = timeline_of(login(sponsor_user), world.sponsored_consenting).events
    assert {e.kind for e in events} == {"enrolment"}


def test_trainer_sees_no_visits_of_enrolments_outside_their_assignment(
    trainer, world, login, story
):
    other = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.other_programme,
        module=module("QM"),
        classroom_done=True,
    )
    VisitFactory(enrolment=other, sequence=1, findings="Another programme's visit")
    events = timeline_of(login(trainer), world.provided).events
    assert "Another programme's visit" not in " ".join(e.detail for e in events)


# Cost


def queries_for(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured), len(response.context["timeline"].events)


def _add_events(enterprise, enrolment, team, n):
    """``n`` events: visits, meetings, members, projects and classes."""
    for i in range(1, n // 5 + 1):
        VisitFactory(enrolment=enrolment, sequence=i + 10, done_on=days(-i))
        MeetingFactory(team=team, held_on=days(-i))
        TeamMemberFactory(team=team, joined_on=days(-i))
        ProjectFactory(enterprise=enterprise, team=team, started_on=days(-i))
        SessionFactory(
            programme=enrolment.programme,
            start_date=days(-i),
            end_date=days(-i),
            enrolments=[enrolment],
        )


@pytest.mark.parametrize(
    ("persona_name", "enterprise_name", "queries"),
    [
        # session, user, memberships, enterprise, module choices, then one per source:
        # enrolments, classes, visits, participations, teams, members, meetings, projects
        ("admin_user", "provided", 13),
        ("coordinator", "provided", 13),
        ("trainer", "provided", 13),
        # enterprise users do not see visits, so that source is not read
        ("enterprise_user", "unrelated_cn", 12),
    ],
)
def test_timeline_costs_the_same_for_3_and_30_events(
    world, login, request, persona_name, enterprise_name, queries
):
    user = request.getfixturevalue(persona_name)
    enterprise = getattr(world, enterprise_name)
    enrolment = EnrolmentFactory(
        enterprise=enterprise, programme=world.programme, classroom_done=True
    )
    team = TeamFactory(enterprise=enterprise, formed_on=None)
    client = login(user)
    few, few_events = queries_for(client, url(enterprise))
    _add_events(enterprise, enrolment, team, 30)
    many, many_events = queries_for(client, url(enterprise))
    assert few_events <= 5
    assert many_events >= 30
    assert (few, many) == (queries, queries)


def test_timeline_with_a_module_filter_costs_the_same_for_3_and_30_events(
    coordinator, world, login
):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, classroom_done=True
    )
    team = TeamFactory(enterprise=world.provided)
    client = login(coordinator)
    address = url(world.provided, module=module().pk)
    few, _ = queries_for(client, address)
    _add_events(world.provided, enrolment, team, 30)
    many, _ = queries_for(client, address)
    assert few == many


# In the browser (Chromium, 390 px wide)


def test_timeline_fits_a_phone_and_filters_without_reloading(page, log_in, coordinator, story):
    log_in(coordinator)
    page.goto(url(story.enterprise))
    expect(page.get_by_role("heading", name="Next step")).to_be_visible()
    assert sideways_overflow(page) <= 0
    page.get_by_label("Show").select_option(label="Visits")
    expect(page.get_by_role("link", name="Improvement team formed")).to_be_hidden()
    expect(page.get_by_role("link", name="Follow-up visit 1")).to_be_visible()
    assert "kind=visit" in page.url
