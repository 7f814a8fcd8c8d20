"""Actions on modules and classroom sessions, called directly."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from score.core.exceptions import ActionError
from score.enterprises.models import Person
from score.training import actions
from score.training.actions import BaselineMissing
from score.training.models import Attendance, ClassroomSession, Module, Participant
from tests.factories import EnterpriseFactory, PersonFactory, ProgrammeFactory
from tests.training.factories import (
    EnrolmentFactory,
    ModuleFactory,
    ParticipantFactory,
    SessionFactory,
    core_module,
)

pytestmark = pytest.mark.django_db

START = datetime.date(2012, 3, 15)


def _plan(by, programme, **overrides):
    fields = {
        "programme": programme,
        "module": core_module(),
        "title": "WC class 1",
        "start_date": START,
        "end_date": START + datetime.timedelta(days=1),
        "venue": "Shenyang",
    }
    return actions.create_session(by=by, **{**fields, **overrides})


# Modules


def test_programme_module_keeps_its_chinese_name(admin_user):
    programme = ProgrammeFactory()
    module = actions.create_module(
        by=admin_user,
        programme=programme,
        code="LEAN",
        name="Lean Manufacturing",
        name_translations={"zh-hans": "精益生产", "es": " "},
        prerequisites=[core_module()],
    )
    assert module.name_translations == {"zh-hans": "精益生产"}
    assert list(module.prerequisites.all()) == [core_module()]
    assert module.programme == programme


def test_module_of_another_programme_cannot_be_a_prerequisite(admin_user):
    with pytest.raises(ActionError, match="belongs to another programme"):
        actions.create_module(
            by=admin_user,
            programme=ProgrammeFactory(),
            code="LEAN",
            name="Lean",
            prerequisites=[ModuleFactory()],
        )
    assert not Module.objects.filter(code="LEAN").exists()


def test_module_code_must_be_new(admin_user):
    with pytest.raises(ValidationError):
        actions.create_module(by=admin_user, programme=ProgrammeFactory(), code="WC", name="x")


# Sessions


def test_class_meets_every_day_from_start_to_end_by_default(admin_user):
    session = _plan(admin_user, ProgrammeFactory())
    assert list(session.days.values_list("date", flat=True)) == [
        START,
        START + datetime.timedelta(days=1),
    ]


def test_class_may_meet_on_listed_days_only(admin_user):
    end = START + datetime.timedelta(days=7)
    session = _plan(admin_user, ProgrammeFactory(), end_date=end, days=[end, START])
    assert list(session.days.values_list("date", flat=True)) == [START, end]


def test_class_day_outside_the_dates_is_refused(admin_user):
    with pytest.raises(ActionError, match="fall outside the class dates"):
        _plan(admin_user, ProgrammeFactory(), days=[START - datetime.timedelta(days=1)])
    assert not ClassroomSession.objects.exists()


def test_class_takes_only_enrolments_of_its_module_and_programme(admin_user):
    programme = ProgrammeFactory()
    other_module = EnrolmentFactory(programme=programme, module=core_module("QM"))
    with pytest.raises(ActionError, match="are not enrolments in"):
        _plan(admin_user, programme, enrolments=[other_module])
    assert not ClassroomSession.objects.exists()


def test_dropped_enrolment_cannot_join_a_class(admin_user):
    programme = ProgrammeFactory()
    dropped = EnrolmentFactory(programme=programme, status="dropped")
    with pytest.raises(ActionError, match="dropped out"):
        _plan(admin_user, programme, enrolments=[dropped])


def test_online_class_needs_a_link(admin_user):
    with pytest.raises(ValidationError) as refused:
        _plan(admin_user, ProgrammeFactory(), is_online=True, venue="")
    assert "online_link" in refused.value.message_dict


def test_class_held_on_site_needs_a_venue(admin_user):
    with pytest.raises(ValidationError) as refused:
        _plan(admin_user, ProgrammeFactory(), venue=" ")
    assert "venue" in refused.value.message_dict


def test_moving_the_dates_keeps_days_with_attendance(admin_user):
    session = SessionFactory()
    participant = ParticipantFactory(session=session)
    first = session.days.first()
    Attendance.objects.create(participant=participant, day=first, present=True)
    with pytest.raises(ActionError, match="Attendance was taken on"):
        actions.update_session(
            session=session,
            by=admin_user,
            programme=session.programme,
            module=session.module,
            title=session.title,
            venue=session.venue,
            start_date=START + datetime.timedelta(days=10),
            end_date=START + datetime.timedelta(days=11),
        )
    assert session.days.count() == 2


def test_days_where_everyone_was_unticked_may_leave_the_class(admin_user):
    session = SessionFactory()
    participant = ParticipantFactory(session=session)
    first = session.days.first()
    actions.record_attendance(by=admin_user, session=session, present={(participant.pk, first.pk)})
    actions.record_attendance(by=admin_user, session=session, present=set())
    new_start = START + datetime.timedelta(days=10)
    actions.update_session(
        session=session,
        by=admin_user,
        programme=session.programme,
        module=session.module,
        title=session.title,
        venue=session.venue,
        start_date=new_start,
        end_date=new_start,
    )
    assert list(session.days.values_list("date", flat=True)) == [new_start]
    assert not Attendance.objects.filter(participant=participant).exists()


def test_moving_the_dates_replaces_the_days_without_attendance(admin_user):
    session = SessionFactory()
    new_start = START + datetime.timedelta(days=10)
    actions.update_session(
        session=session,
        by=admin_user,
        programme=session.programme,
        module=session.module,
        title=session.title,
        venue=session.venue,
        start_date=new_start,
        end_date=new_start,
    )
    assert list(session.days.values_list("date", flat=True)) == [new_start]


def test_enterprise_with_participants_cannot_leave_the_class(admin_user):
    enrolment = EnrolmentFactory()
    session = SessionFactory(
        programme=enrolment.programme, module=enrolment.module, enrolments=[enrolment]
    )
    ParticipantFactory(session=session, person=PersonFactory(enterprise=enrolment.enterprise))
    with pytest.raises(ActionError, match="still have participants"):
        actions.update_session(
            session=session,
            by=admin_user,
            programme=session.programme,
            module=session.module,
            title=session.title,
            venue=session.venue,
            start_date=session.start_date,
            end_date=session.end_date,
            enrolments=[],
        )
    assert list(session.enrolments.all()) == [enrolment]


# Participants and attendance


@pytest.fixture
def session_with_enterprise(db):
    enrolment = EnrolmentFactory()
    session = SessionFactory(
        programme=enrolment.programme, module=enrolment.module, enrolments=[enrolment]
    )
    return session, enrolment


def test_people_of_the_class_enterprises_are_added_once(session_with_enterprise, admin_user):
    session, enrolment = session_with_enterprise
    people = PersonFactory.create_batch(2, enterprise=enrolment.enterprise)
    assert actions.add_participants(by=admin_user, session=session, people=people) == 2
    assert actions.add_participants(by=admin_user, session=session, people=people) == 0
    assert session.participants.count() == 2


def test_person_of_another_enterprise_is_not_added(session_with_enterprise, admin_user):
    session, _ = session_with_enterprise
    with pytest.raises(ActionError, match="not in this class"):
        actions.add_participants(by=admin_user, session=session, people=[PersonFactory()])
    assert not Participant.objects.exists()


def test_new_person_is_recorded_at_the_enterprise_and_added(session_with_enterprise, admin_user):
    session, enrolment = session_with_enterprise
    participant = actions.add_new_participant(
        by=admin_user, session=session, enterprise=enrolment.enterprise, sex="male", role="worker"
    )
    assert participant.person.enterprise == enrolment.enterprise
    assert participant.person.name == ""


def test_new_person_of_an_enterprise_outside_the_class_is_refused(
    session_with_enterprise, admin_user
):
    session, _ = session_with_enterprise
    outside = EnterpriseFactory()
    with pytest.raises(ActionError, match="is not in this class"):
        actions.add_new_participant(
            by=admin_user, session=session, enterprise=outside, sex="male", role="worker"
        )
    assert not Person.objects.filter(enterprise=outside).exists()


def test_attendance_marks_unticked_people_absent(admin_user):
    session = SessionFactory()
    a, b = ParticipantFactory.create_batch(2, session=session)
    day1, day2 = session.days.all()
    actions.record_attendance(by=admin_user, session=session, present={(a.pk, day1.pk)})
    actions.record_attendance(
        by=admin_user, session=session, present={(a.pk, day2.pk), (b.pk, day2.pk)}
    )
    present = set(Attendance.objects.filter(present=True).values_list("participant_id", "day_id"))
    assert present == {(a.pk, day2.pk), (b.pk, day2.pk)}
    assert Attendance.objects.count() == 4


def test_attendance_for_someone_outside_the_class_is_refused(admin_user):
    session = SessionFactory()
    stranger = ParticipantFactory()
    with pytest.raises(ActionError, match="Reload the page"):
        actions.record_attendance(
            by=admin_user, session=session, present={(stranger.pk, session.days.first().pk)}
        )
    assert not Attendance.objects.exists()


def test_attendance_on_a_day_that_has_not_come_yet_is_refused(admin_user):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    session = SessionFactory(start_date=tomorrow - datetime.timedelta(days=1), end_date=tomorrow)
    a = ParticipantFactory(session=session)
    today, later = session.days.order_by("date")
    with pytest.raises(ActionError, match="has not come yet") as refused:
        actions.record_attendance(
            by=admin_user, session=session, present={(a.pk, today.pk), (a.pk, later.pk)}
        )
    assert tomorrow.isoformat() in refused.value.message
    assert not Attendance.objects.exists()
    actions.record_attendance(by=admin_user, session=session, present={(a.pk, today.pk)})
    assert Attendance.objects.filter(present=True).count() == 1


def test_class_cannot_be_planned_more_than_two_years_ahead(admin_user):
    programme = ProgrammeFactory()
    far = datetime.date(9999, 12, 30)
    with pytest.raises(ActionError, match="more than two years ahead") as refused:
        _plan(admin_user, programme, start_date=far, end_date=far)
    assert refused.value.field == "start_date"
    assert not ClassroomSession.objects.exists()


# Completing the classroom through the class


def test_class_completes_the_classroom_of_an_enrolment_on_its_last_day(admin_user):
    enrolment = EnrolmentFactory(status="baseline_done")
    session = SessionFactory(
        programme=enrolment.programme, module=enrolment.module, enrolments=[enrolment]
    )
    actions.complete_session_classroom(by=admin_user, session=session, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == "classroom_done"
    assert enrolment.classroom_on == session.end_date


def test_class_does_not_excuse_the_missing_baseline(admin_user):
    enrolment = EnrolmentFactory(status="registered")
    session = SessionFactory(
        programme=enrolment.programme, module=enrolment.module, enrolments=[enrolment]
    )
    with pytest.raises(BaselineMissing):
        actions.complete_session_classroom(by=admin_user, session=session, enrolment=enrolment)


def test_class_not_over_yet_cannot_complete_the_classroom(admin_user):
    enrolment = EnrolmentFactory(status="baseline_done")
    future = datetime.date.today() + datetime.timedelta(days=30)
    session = SessionFactory(
        programme=enrolment.programme,
        module=enrolment.module,
        enrolments=[enrolment],
        start_date=future,
        end_date=future,
    )
    with pytest.raises(ActionError, match="once the class is over"):
        actions.complete_session_classroom(by=admin_user, session=session, enrolment=enrolment)


def test_class_cannot_complete_an_enrolment_it_does_not_hold(admin_user):
    session = SessionFactory()
    with pytest.raises(ActionError, match="is not in this class"):
        actions.complete_session_classroom(
            by=admin_user, session=session, enrolment=EnrolmentFactory(status="baseline_done")
        )


def test_enterprise_that_dropped_after_its_class_stays_in_the_class(admin_user):
    enrolment = EnrolmentFactory(status="dropped")
    session = SessionFactory(
        programme=enrolment.programme, module=enrolment.module, enrolments=[enrolment]
    )
    actions.update_session(
        session=session,
        by=admin_user,
        programme=session.programme,
        module=session.module,
        title="Renamed",
        venue=session.venue,
        start_date=session.start_date,
        end_date=session.end_date,
        enrolments=[enrolment],
    )
    assert list(session.enrolments.all()) == [enrolment]


def test_class_that_began_before_the_baseline_visit_cannot_complete_the_classroom(admin_user):
    enrolment = EnrolmentFactory(status="baseline_done", baseline_on=datetime.date(2012, 3, 16))
    session = SessionFactory(
        programme=enrolment.programme, module=enrolment.module, enrolments=[enrolment]
    )
    with pytest.raises(ActionError, match="before the baseline visit"):
        actions.complete_session_classroom(by=admin_user, session=session, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == "baseline_done"
