"""Bad input on every training form: an error the user can act on, and nothing written."""

import datetime

import pytest
from django.urls import reverse

from score.core.models import AuditEvent
from score.enterprises.models import Person
from score.training.models import Attendance, ClassroomSession, Enrolment, Module, Participant
from tests.factories import ParticipationFactory
from tests.training.factories import EnrolmentFactory, core_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def nothing_written(db):
    """Asserts, after the test, that no action wrote anything."""
    before = AuditEvent.objects.count()
    yield
    assert AuditEvent.objects.count() == before


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# Modules


def _module_post(world, **overrides):
    data = {
        "programme": world.programme.pk,
        "code": "LEAN",
        "name": "Lean",
        "order": 6,
        "classroom_days": 2,
        "followup_visits": 3,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": None}, "name"),
        ({"code": "WC"}, "code"),
        ({"code": "no spaces"}, "code"),
        ({"classroom_days": 0}, "classroom_days"),
        ({"programme": None}, "programme"),
    ],
    ids=["no name", "code taken", "bad code", "no classroom day", "no programme"],
)
def test_module_form_refuses_bad_input(
    overrides, field, coordinator, login, world, nothing_written
):
    count = Module.objects.count()
    response = login(coordinator).post(
        reverse("training:module_create"), _module_post(world, **overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Module.objects.count() == count


def test_coordinator_cannot_add_a_module_to_another_countrys_programme(
    coordinator, login, world, nothing_written
):
    response = login(coordinator).post(
        reverse("training:module_create"), _module_post(world, programme=world.other_programme.pk)
    )
    assert response.context["form"].errors["programme"]
    assert not Module.objects.filter(code="LEAN").exists()


def test_module_form_refuses_a_prerequisite_of_another_programme(
    admin_user, login, classes, world, nothing_written
):
    response = login(admin_user).post(
        reverse("training:module_create"),
        _module_post(world, prerequisites=[classes.vn_module.pk]),
    )
    assert response.context["form"].errors["prerequisites"]
    assert not Module.objects.filter(code="LEAN").exists()


# Enrolling


def test_enrol_form_needs_a_module(coordinator, login, world, nothing_written):
    response = login(coordinator).post(
        reverse("training:enrolment_create", args=[world.provided.pk]),
        {"programme": world.programme.pk},
    )
    assert response.context["enrol_form"].errors["module"]
    assert not Enrolment.objects.exists()


def test_enrol_form_refuses_a_registration_date_in_the_future(
    coordinator, login, world, nothing_written
):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = login(coordinator).post(
        reverse("training:enrolment_create", args=[world.provided.pk]),
        {
            "programme": world.programme.pk,
            "module": core_module().pk,
            "registered_on": tomorrow.isoformat(),
        },
    )
    assert response.context["enrol_form"].errors["registered_on"]
    assert not Enrolment.objects.exists()


def test_enrol_form_shows_the_prerequisite_rule(coordinator, login, world, nothing_written):
    response = login(coordinator).post(
        reverse("training:enrolment_create", args=[world.provided.pk]),
        {"programme": world.programme.pk, "module": core_module("QM").pk},
    )
    assert "must complete or be under way with Workplace Cooperation" in str(
        response.context["enrol_form"].errors["module"]
    )
    assert not Enrolment.objects.exists()


def test_enrol_form_refuses_a_comparison_enterprise(admin_user, login, nothing_written):
    participation = ParticipationFactory(is_comparison=True)
    response = login(admin_user).post(
        reverse("training:enrolment_create", args=[participation.enterprise_id]),
        {"programme": participation.programme_id, "module": core_module().pk},
    )
    assert "is a comparison enterprise" in str(response.context["enrol_form"].non_field_errors())
    assert not Enrolment.objects.exists()


def test_enrol_form_refuses_a_module_of_another_programme(
    admin_user, login, classes, world, nothing_written
):
    count = Enrolment.objects.count()
    response = login(admin_user).post(
        reverse("training:enrolment_create", args=[world.unrelated_cn.pk]),
        {"programme": world.programme.pk, "module": classes.vn_module.pk},
    )
    assert "is not offered in CN-P1" in str(response.context["enrol_form"].errors["module"])
    assert Enrolment.objects.count() == count


# Steps


def test_step_dated_in_the_future_is_refused(coordinator, login, classes, nothing_written):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = login(coordinator).post(
        reverse("training:enrolment_step", args=[classes.enrolment.pk, "classroom"]),
        {"on": tomorrow.isoformat()},
        follow=True,
    )
    assert "is in the future" in messages_of(response)[0]
    classes.enrolment.refresh_from_db()
    assert classes.enrolment.status == "baseline_done"


def test_step_with_a_malformed_date_is_refused(coordinator, login, classes, nothing_written):
    response = login(coordinator).post(
        reverse("training:enrolment_step", args=[classes.enrolment.pk, "classroom"]),
        {"on": "15/03/2012x"},
        follow=True,
    )
    assert "Enter a valid date" in messages_of(response)[0]
    classes.enrolment.refresh_from_db()
    assert classes.enrolment.status == "baseline_done"


def test_drop_without_a_reason_is_refused(coordinator, login, classes, nothing_written):
    response = login(coordinator).post(
        reverse("training:enrolment_step", args=[classes.enrolment.pk, "drop"]),
        {"reason": ""},
        follow=True,
    )
    assert "Say why the enterprise dropped out" in messages_of(response)[0]
    classes.enrolment.refresh_from_db()
    assert classes.enrolment.status == "baseline_done"


def test_step_not_allowed_from_the_status_shows_the_next_step(
    coordinator, login, classes, nothing_written
):
    response = login(coordinator).post(
        reverse("training:enrolment_step", args=[classes.enrolment.pk, "complete"]),
        follow=True,
    )
    assert "Record the classroom training next." in messages_of(response)[0]


# Classes


def _session_post(world, **overrides):
    data = {
        "programme": world.programme.pk,
        "module": core_module().pk,
        "title": "Shenyang WC class 2",
        "start_date": "2012-03-15",
        "end_date": "2012-03-16",
        "venue": "CEC Shenyang",
        "provider": world.provider.pk,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": None}, "title"),
        ({"end_date": "2012-03-14"}, "end_date"),
        ({"start_date": "not a date"}, "start_date"),
        ({"venue": None}, "venue"),
        ({"venue": None, "is_online": "on"}, "online_link"),
        ({"is_online": "on", "online_link": "not a link"}, "online_link"),
        ({"days": "2012-03-15, 16 March"}, "days"),
        ({"days": "2012-03-20"}, "days"),
        ({"end_date": "2012-06-30"}, "days"),
        ({"module": None}, "module"),
        ({"programme": "999999"}, "programme"),
    ],
    ids=[
        "no title",
        "ends before it starts",
        "malformed date",
        "no venue",
        "online without link",
        "malformed link",
        "malformed day",
        "day outside the dates",
        "too long for daily attendance",
        "no module",
        "unknown programme",
    ],
)
def test_session_form_refuses_bad_input(
    overrides, field, coordinator, login, world, nothing_written
):
    response = login(coordinator).post(
        reverse("training:session_create"), _session_post(world, **overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ClassroomSession.objects.exists()


def test_session_form_refuses_enrolments_of_another_module(
    coordinator, login, classes, world, nothing_written
):
    response = login(coordinator).post(
        reverse("training:session_create"),
        _session_post(world, enrolments=[classes.completed.pk]),
    )
    assert "are not enrolments in Workplace Cooperation" in str(
        response.context["form"].errors["enrolments"]
    )
    assert ClassroomSession.objects.count() == 2


def test_session_form_refuses_to_drop_an_enterprise_with_participants(
    coordinator, login, classes, world, nothing_written
):
    response = login(coordinator).post(
        reverse("training:session_edit", args=[classes.session.pk]),
        _session_post(world, enrolments=[]),
    )
    assert "still have participants" in str(response.context["form"].errors["enrolments"])
    assert list(classes.session.enrolments.all()) == [classes.enrolment]


# Participants and attendance


def test_picking_nobody_asks_to_tick_someone(coordinator, login, classes, nothing_written):
    response = login(coordinator).post(
        reverse("training:participant_add", args=[classes.session.pk]), {}
    )
    assert response.context["pick_form"].errors["people"] == ["Tick at least one person to add."]


def test_picking_a_person_of_another_enterprise_is_refused(
    coordinator, login, classes, world, nothing_written
):
    stranger = world.unrelated_cn.people.get()
    response = login(coordinator).post(
        reverse("training:participant_add", args=[classes.session.pk]),
        {"pick-people": [stranger.pk]},
    )
    assert response.context["pick_form"].errors["people"]
    assert not Participant.objects.filter(person=stranger).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"new-role": "worker"},
        {"new-sex": "female"},
        {"new-sex": "robot", "new-role": "worker"},
    ],
    ids=["no sex", "no role", "unknown sex"],
)
def test_new_participant_needs_sex_and_role(
    data, coordinator, login, classes, world, nothing_written
):
    people = Person.objects.count()
    response = login(coordinator).post(
        reverse("training:participant_new", args=[classes.session.pk]),
        {"new-enterprise": world.provided.pk, **data},
    )
    assert response.status_code == 200
    assert response.context["new_form"].errors
    assert Person.objects.count() == people


def test_new_participant_of_an_enterprise_outside_the_class_is_refused(
    coordinator, login, classes, world, nothing_written
):
    people = Person.objects.count()
    response = login(coordinator).post(
        reverse("training:participant_new", args=[classes.session.pk]),
        {"new-enterprise": world.unrelated_cn.pk, "new-sex": "male", "new-role": "worker"},
    )
    assert response.context["new_form"].errors["enterprise"]
    assert Person.objects.count() == people


def test_attendance_tick_for_someone_else_is_refused(coordinator, login, classes, nothing_written):
    day = classes.session.days.first()
    response = login(coordinator).post(
        reverse("training:attendance", args=[classes.session.pk]),
        {"present": [f"999999-{day.pk}", "garbage"]},
        follow=True,
    )
    assert "Reload the page and tick again." in messages_of(response)[0]
    assert not Attendance.objects.exists()


def test_module_list_ignores_a_malformed_filter(coordinator, login, classes):
    response = login(coordinator).get(reverse("training:module_list"), {"programme": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["programme"]


def test_class_list_says_when_the_date_range_is_backwards(coordinator, login, classes):
    response = login(coordinator).get(
        reverse("training:session_list"), {"date_from": "2013-01-01", "date_to": "2012-01-01"}
    )
    assert response.status_code == 200
    assert "The end of the range is before its start." in response.text


def test_enrolment_of_another_programme_cannot_be_stepped_through_a_class(
    coordinator, login, classes, nothing_written
):
    other = EnrolmentFactory(enterprise=classes.enrolment.enterprise)
    response = login(coordinator).post(
        reverse("training:session_classroom_done", args=[classes.session.pk, other.pk])
    )
    assert response.status_code == 404
