"""Training delivery and counselling in the demo: SCORE China Phase I's classes (53 SMEs,
784 people trained) and 224 visits, its improvement teams and projects, the BSCI SMEs'
classes, and the 2026 cohort whose visits are planned for the coming days."""

import datetime
import io
import time

import pytest
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import override_settings
from django.utils import timezone

from score.accounts.models import User
from score.core.models import AuditEvent
from score.counselling import queries as counselling_queries
from score.counselling.models import ImprovementProject, ImprovementTeam, TeamMember, Visit
from score.demo import data
from score.demo.loader import load_demo
from score.enterprises.models import Enterprise, Person
from score.programmes.models import Programme
from score.training.models import Attendance, ClassroomSession, Enrolment

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
COOP_SUPPLIERS = set(data.COOP_SUPPLIERS)
SOCK_MAKER = "CN1-ZJ-001"


# Every test in this module reads the same load (a first load takes seconds), so the
# module holds no test that needs an empty database.
@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """The whole demo loaded once for the module, with what it printed and how long it
    took; rolled back after the module's last test. Each test runs in a savepoint of its
    own (the ``db`` fixture), so one that writes leaves the next the demo as loaded."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        out = io.StringIO()
        started = time.perf_counter()
        report = load_demo(stdout=out)
        yield {"report": report, "out": out.getvalue(), "seconds": time.perf_counter() - started}
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_once, db):
    return loaded_once


def phase_one_people():
    """People who attended a Phase I class."""
    return Person.objects.filter(session_places__session__programme__code="CN-P1").distinct()


def done_visits(programme="CN-P1"):
    return Visit.objects.filter(enrolment__programme__code=programme, status="done")


def wc(programme="CN-P1"):
    return Enrolment.objects.filter(programme__code=programme, module__code="WC")


def demo_trainer():
    return User.objects.get(email=data.DEMO_TRAINER)


class TestPhaseOneFigures:
    """The published figures of SCORE China Phase I: 53 SMEs trained (784 staff), 224
    enterprise visits."""

    def test_53_enterprises_were_trained(self, demo):
        trained = wc().exclude(classroom_on=None)
        assert trained.count() == 53
        assert phase_one_people().values("enterprise").distinct().count() == 53

    def test_784_distinct_people_attended_the_classes(self, demo):
        assert phase_one_people().count() == 784

    def test_every_participant_has_sex_and_role(self, demo):
        people = phase_one_people()
        assert not people.filter(Q(sex="") | Q(role="")).exists()
        assert set(people.values_list("sex", flat=True)) == {"female", "male"}
        assert set(people.values_list("role", flat=True)) == {"owner", "manager", "worker"}

    def test_about_two_in_five_participants_are_women_and_a_quarter_managers(self, demo):
        people = Person.objects.filter(pk__in=phase_one_people().values("pk"))
        women = people.filter(sex="female").count()
        managers = people.filter(role__in=("owner", "manager")).count()
        assert 0.35 <= women / 784 <= 0.45, women
        assert 0.22 <= managers / 784 <= 0.30, managers

    def test_224_enterprise_visits_were_done(self, demo):
        assert done_visits().count() == 224

    def test_the_visits_are_the_baselines_follow_ups_and_the_second_module(self, demo):
        rows = (
            done_visits()
            .values_list("enrolment__module__code", "kind")
            .annotate(n=Count("id"))
            .order_by()
        )
        assert {(module, kind): n for module, kind, n in rows} == {
            ("WC", "baseline"): 53,
            ("WC", "follow_up"): 51 * 3 + 2 * 1,  # two dropped out after one follow-up
            ("PCP", "baseline"): 4,
            ("PCP", "follow_up"): 4 * 3,
        }

    def test_most_enrolments_completed_and_two_dropped_out_with_a_reason(self, demo):
        statuses = dict(wc().values_list("status").annotate(n=Count("id")).order_by())
        assert statuses == {"completed": 51, "dropped": 2}
        for enrolment in wc().filter(status="dropped"):
            assert enrolment.dropped_reason
            assert enrolment.classroom_on < enrolment.dropped_on

    def test_four_enterprises_completed_a_second_module(self, demo):
        second = Enrolment.objects.filter(programme__code="CN-P1", module__code="PCP")
        assert second.filter(status="completed").count() == 4
        for enrolment in second:
            first = wc().get(enterprise=enrolment.enterprise)
            assert first.completed_on < enrolment.registered_on

    def test_every_date_falls_inside_the_programme(self, demo):
        start, end = datetime.date(2011, 1, 1), datetime.date(2012, 12, 31)
        visits = done_visits().values_list("done_on", flat=True)
        assert start <= min(visits) and max(visits) <= end
        completed = Enrolment.objects.filter(programme__code="CN-P1").exclude(completed_on=None)
        assert max(completed.values_list("completed_on", flat=True)) <= end


class TestPhaseOneClasses:
    def test_classes_take_four_or_five_enterprises_over_two_days(self, demo):
        sessions = ClassroomSession.objects.filter(programme__code__in=("CN-P1", "CN-P2"))
        for session in sessions.annotate(n=Count("enrolments")):
            assert session.n in (4, 5), session.code
            assert session.days.count() == 2
            assert session.end_date == session.start_date + datetime.timedelta(days=1)
            assert session.venue and session.provider and session.trainers.exists()

    def test_attendance_was_taken_for_every_participant_on_both_days(self, demo):
        for session in ClassroomSession.objects.filter(programme__code="CN-P1"):
            taken = Attendance.objects.filter(day__session=session)
            assert taken.count() == 2 * session.participants.count()
            assert taken.filter(present=True).count() >= 0.9 * taken.count()

    def test_participants_come_from_the_enterprises_in_their_class(self, demo):
        for session in ClassroomSession.objects.all():
            enterprises = set(session.enrolments.values_list("enterprise", flat=True))
            people = set(session.participants.values_list("person__enterprise", flat=True))
            assert people == enterprises, session.code

    def test_each_class_is_led_by_trainers_with_the_trainer_role(self, demo):
        for session in ClassroomSession.objects.prefetch_related("trainers__memberships"):
            for trainer in session.trainers.all():
                assert {m.role for m in trainer.memberships.all()} == {"trainer"}


class TestPhaseOneCounselling:
    def test_every_enterprise_has_an_improvement_team_of_managers_and_workers_alike(self, demo):
        teams = ImprovementTeam.objects.filter(programme__code="CN-P1")
        assert teams.count() == 53
        for team in counselling_queries.with_balance(teams):
            members = TeamMember.objects.filter(team=team).select_related("person")
            managers = sum(m.person.role in ("owner", "manager") for m in members)
            assert managers == members.count() - managers >= 2, team
            assert team.meetings.exists()

    def test_every_enterprise_has_one_to_three_projects(self, demo):
        counts = dict(
            ImprovementProject.objects.filter(enterprise__participations__programme__code="CN-P1")
            .values_list("enterprise__code")
            .annotate(n=Count("id"))
            .order_by()
        )
        assert len(counts) == 53
        assert set(counts.values()) <= {1, 2, 3}

    def test_projects_are_mostly_done_with_savings_some_still_going_and_two_dropped(self, demo):
        projects = ImprovementProject.objects.all()
        statuses = dict(projects.values_list("status").annotate(n=Count("id")).order_by())
        assert set(statuses) == {"done", "in_progress", "dropped"}
        assert statuses["done"] > statuses["in_progress"]
        assert statuses["dropped"] == 2
        done = projects.filter(status="done")
        assert not done.filter(actual_savings=None).exists()
        assert not done.filter(finished_on__lt=F("started_on")).exists()

    def test_the_coop_suppliers_completed_the_module_with_team_and_projects(self, demo):
        for enrolment in wc().filter(enterprise__code__in=COOP_SUPPLIERS):
            assert enrolment.status == "completed"
            assert enrolment.enterprise.improvement_teams.exists()
            assert enrolment.enterprise.improvement_projects.filter(status="done").exists()

    def test_the_sock_maker_cut_its_production_cost_and_raised_its_output(self, demo):
        socks = Enterprise.objects.get(code=SOCK_MAKER)
        projects = {p.kpi: p for p in socks.improvement_projects.all()}
        cost = projects["production_cost_per_unit"]
        assert cost.status == "done" and cost.actual_savings > cost.expected_savings
        assert projects["output_capacity"].status == "done"
        assert cost.action_items.filter(done=True, owner__isnull=False).count() == 3
        team = socks.improvement_teams.get()
        leader = team.members.get(team_role="leader").person
        assert (leader.name, leader.job_title) == ("Zhou Jianping", "Production manager")


class TestOtherProgrammes:
    def test_the_bsci_smes_have_baselines_and_one_class(self, demo):
        enrolments = wc("CN-P2")
        assert enrolments.count() == 10
        assert done_visits("CN-P2").filter(kind="baseline").count() == 10
        for enrolment in enrolments:
            assert enrolment.sessions.count() == 1
            assert enrolment.classroom_on is not None

    def test_the_2026_cohort_is_running_with_new_liaoning_enterprises(self, demo):
        programme = Programme.objects.get(code="CN-P3")
        assert (programme.status, programme.start_date) == ("active", datetime.date(2026, 1, 1))
        enterprises = Enterprise.objects.filter(participations__programme=programme)
        assert set(enterprises.values_list("region", flat=True)) == {"Liaoning"}
        assert not enterprises.filter(participations__programme__code="CN-P1").exists()
        assert set(wc("CN-P3").values_list("status", flat=True)) == {"classroom_done"}
        assert set(wc("CN-P3").values_list("trainer__email", flat=True)) == {data.DEMO_TRAINER}

    def test_the_demo_trainer_has_visits_planned_in_the_next_seven_days(self, demo):
        today = timezone.localdate()
        week = (today, today + datetime.timedelta(days=6))
        planned = Visit.objects.filter(
            trainer=demo_trainer(), status="planned", planned_on__range=week
        )
        assert planned.count() == 5
        assert all(visit.planned_on.weekday() < 5 for visit in planned)

    def test_the_demo_trainers_week_shows_those_visits_and_nothing_behind(self, demo):
        week = counselling_queries.my_week(demo_trainer())
        assert len(week["upcoming"]) == 5
        assert week["overdue"] == [] and week["behind"] == []


class TestLoadingIt:
    def test_first_load_reports_each_part(self, demo):
        out = demo["out"]
        assert "Classes: created 72 module enrolments, 72 visits, 16 classes, 844 people" in out
        assert "Visits: created 200 visits, 67 enrolment steps, 5 planned visits." in out
        assert "Improvement teams: created 53 improvement teams" in out

    def test_first_load_time_is_printed(self, demo, capsys):
        with capsys.disabled():
            print(f"\n[demo] first load of the whole demo: {demo['seconds']:.1f} s")

    def test_second_load_creates_nothing_and_changes_nothing(self, demo, capsys):
        audit_events = AuditEvent.objects.count()
        started = time.perf_counter()
        second = load_demo()
        seconds = time.perf_counter() - started
        assert second.summary() == "The demo is already loaded; nothing changed."
        assert AuditEvent.objects.count() == audit_events
        assert Visit.objects.filter(status="planned").count() == 5
        with capsys.disabled():
            print(f"\n[demo] second load: {seconds:.1f} s")

    def test_a_later_run_finishes_what_is_missing(self, demo):
        socks = Enterprise.objects.get(code=SOCK_MAKER)
        socks.improvement_projects.all().delete()
        wc().filter(enterprise=socks).update(status="visits_done", completed_on=None)
        again = load_demo()
        assert again.summary() == (
            "Loaded the demo: created 1 enrolment step, 3 improvement projects, "
            "7 project action items, 11 project steps."
        )
        assert wc().get(enterprise=socks).status == "completed"


class TestPhaseOnePage:
    """What a coordinator and a donor read on the CN-P1 programme page."""

    def _page(self, client, email):
        from score.accounts.models import User
        from score.programmes.models import Programme

        client.force_login(User.objects.get(email=email))
        programme = Programme.objects.get(code="CN-P1")
        return client.get(f"/programmes/{programme.pk}/")

    def test_coordinator_reads_53_trained_784_people_and_224_visits(self, demo, client):
        response = self._page(client, "coordinator.cn@score.example.org")
        delivery, visits = response.context["delivery"], response.context["visits"]
        assert delivery["enterprises_trained"] == 53
        assert delivery["people_trained"] == 784
        assert visits["done"] == 224

    def test_donor_reads_the_same_figures_as_aggregates(self, demo, client):
        response = self._page(client, "officer@seco.example.org")
        assert response.context["delivery"]["people_trained"] == 784
        assert response.context["visits"]["done"] == 224
