"""Forms through the test client: good input does what it says and tells the user; bad input
gives a clear error on the page and writes nothing."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from score.counselling.models import (
    ImprovementProject,
    ImprovementTeam,
    ProjectAction,
    TeamMeeting,
    TeamMember,
    Visit,
)
from tests.counselling.factories import TeamMemberFactory, days
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def phone_report(**overrides):
    data = {
        "done_on": days(0).isoformat(),
        "hours": "3.5",
        "kind": "follow_up",
        "eit_took_part": "on",
        "findings": "Suggestion scheme running; 12 ideas this month.",
        "next_steps": "Measure rework on line 2.",
    }
    data.update(overrides)
    return data


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Visits ------------------------------------------------------------------------------


def test_trainer_records_a_planned_visit_from_the_phone_form(trainer, scene, login):
    url = reverse("counselling:visit_record", args=[scene.planned_visit.pk])
    response = login(trainer).post(url, phone_report(next="/counselling/my-week/"))
    assert response.status_code == 302
    assert response.url == "/counselling/my-week/"
    scene.planned_visit.refresh_from_db()
    assert (scene.planned_visit.status, scene.planned_visit.eit_took_part) == ("done", True)


def test_recording_tells_the_trainer_how_many_follow_ups_are_done(trainer, scene, login):
    url = reverse("counselling:visit_record", args=[scene.planned_visit.pk])
    response = login(trainer).post(url, phone_report(), follow=True)
    assert "3 of 3 follow-up visits are done." in " ".join(messages_of(response))


def test_phone_form_offers_a_coordinator_to_mark_the_follow_ups_done_on_the_last_visit(
    coordinator, scene, login
):
    url = reverse("counselling:visit_record", args=[scene.planned_visit.pk])
    response = login(coordinator).get(url)
    assert "complete_follow_ups" in response.context["form"].fields


def test_phone_form_does_not_offer_a_trainer_to_move_the_enrolment_on(trainer, scene, login):
    url = reverse("counselling:visit_record", args=[scene.planned_visit.pk])
    assert "complete_follow_ups" not in login(trainer).get(url).context["form"].fields
    login(trainer).post(url, phone_report(complete_follow_ups="on"))
    scene.planned_visit.refresh_from_db()
    scene.enrolment.refresh_from_db()
    assert (scene.planned_visit.status, scene.enrolment.status) == ("done", "classroom_done")


def test_phone_form_asks_a_trainer_nothing_about_the_trainer(trainer, scene, login):
    response = login(trainer).get(reverse("counselling:visit_record_new"))
    assert set(response.context["form"].fields) == {
        "enrolment",
        "done_on",
        "hours",
        "kind",
        "eit_took_part",
        "findings",
        "next_steps",
    }


def test_phone_form_dates_the_visit_today_unless_changed(trainer, scene, login, today):
    response = login(trainer).get(reverse("counselling:visit_record_new"))
    assert response.context["form"]["done_on"].value() == today


def test_trainer_records_an_unplanned_visit_and_is_its_trainer(trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:visit_record_new"),
        phone_report(enrolment=scene.enrolment.pk),
    )
    visit = Visit.objects.latest("pk")
    assert response.url == visit.get_absolute_url()
    assert (visit.trainer, visit.status) == (trainer, "done")


def test_coordinator_plans_a_visit_for_a_trainer(coordinator, trainer, scene, login):
    response = login(coordinator).post(
        reverse("counselling:visit_plan"),
        {
            "enrolment": scene.enrolment.pk,
            "kind": "follow_up",
            "planned_on": days(4).isoformat(),
            "trainer": trainer.pk,
        },
    )
    visit = Visit.objects.latest("pk")
    assert response.url == visit.get_absolute_url()
    assert (visit.status, visit.trainer, visit.planned_on) == ("planned", trainer, days(4))


def test_trainer_cancels_a_planned_visit(trainer, scene, login):
    login(trainer).post(
        reverse("counselling:visit_cancel", args=[scene.planned_visit.pk]), {"reason": "Strike."}
    )
    scene.planned_visit.refresh_from_db()
    assert scene.planned_visit.status == "cancelled"


def test_trainer_edits_the_findings_of_their_visit(trainer, scene, login):
    login(trainer).post(
        reverse("counselling:visit_edit", args=[scene.done_visit.pk]),
        {
            "done_on": scene.done_visit.done_on.isoformat(),
            "hours": "4",
            "findings": "Corrected findings.",
            "next_steps": "",
        },
    )
    scene.done_visit.refresh_from_db()
    assert (scene.done_visit.findings, str(scene.done_visit.hours)) == (
        "Corrected findings.",
        "4.00",
    )


BAD_VISIT_REPORTS = {
    "a date in the future": ({"done_on": days(1).isoformat()}, "done_on", "in the future"),
    "negative hours": ({"hours": "-2"}, "hours", "above 0 and at most 24"),
    "more than 24 hours": ({"hours": "25"}, "hours", "above 0 and at most 24"),
    "no hours": ({"hours": ""}, "hours", "Enter the hours spent at the enterprise"),
    "hours that are not a number": ({"hours": "three"}, "hours", "number"),
    "a date that is not a date": ({"done_on": "31/31/2025"}, "done_on", "date"),
    "an unknown visit type": ({"kind": "social"}, "kind", "not one of the available choices"),
    "an unknown enrolment": (
        {"enrolment": "999999"},
        "enrolment",
        "unknown or not one you work on",
    ),
    "another providers enrolment": (None, "enrolment", "unknown or not one you work on"),
    "a baseline after the baseline": ({"kind": "baseline"}, "kind", "already has its baseline"),
}


@pytest.mark.parametrize("case", BAD_VISIT_REPORTS)
def test_bad_visit_report_shows_a_clear_error_and_writes_nothing(case, trainer, scene, login):
    overrides, field, message = BAD_VISIT_REPORTS[case]
    if overrides is None:
        overrides = {"enrolment": scene.unrelated_enrolment.pk}
    if case == "a baseline after the baseline":
        scene.done_visit.kind = "baseline"
        scene.done_visit.save()
    before = list(Visit.objects.order_by("pk").values())
    data = phone_report(**{"enrolment": scene.enrolment.pk, **overrides})
    response = login(trainer).post(reverse("counselling:visit_record_new"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert list(Visit.objects.order_by("pk").values()) == before


@pytest.mark.parametrize(
    ("field", "message"),
    [("done_on", "Enter the date of the visit."), ("hours", "Enter the hours spent")],
)
def test_an_empty_required_field_of_the_visit_report_shows_one_message(
    field, message, trainer, scene, login
):
    data = phone_report(enrolment=scene.enrolment.pk, **{field: ""})
    response = login(trainer).post(reverse("counselling:visit_record_new"), data)
    errors = response.context["form"].errors[field]
    assert len(errors) == 1
    assert message in errors[0]
    assert "This field is required." not in response.content.decode()


def test_recording_a_planned_visit_without_a_date_shows_one_message(trainer, scene, login):
    data = phone_report(done_on="")
    response = login(trainer).post(
        reverse("counselling:visit_record", args=[scene.planned_visit.pk]), data
    )
    assert response.status_code == 200
    assert len(response.context["form"].errors["done_on"]) == 1
    scene.planned_visit.refresh_from_db()
    assert scene.planned_visit.status == "planned"


BAD_PLANS = {
    "a past date": ({"planned_on": days(-1).isoformat()}, "planned_on", "has passed"),
    "no date": ({"planned_on": ""}, "planned_on", "Enter the date the visit is planned for"),
    "no trainer": ({"trainer": ""}, "trainer", "required"),
    "a trainer who is not a trainer": ("coordinator", "trainer", "not one of the available"),
    "an unknown enrolment": ({"enrolment": "0"}, "enrolment", "unknown"),
}


@pytest.mark.parametrize("case", BAD_PLANS)
def test_bad_visit_plan_shows_a_clear_error_and_writes_nothing(
    case, coordinator, trainer, scene, login
):
    overrides, field, message = BAD_PLANS[case]
    if overrides == "coordinator":
        overrides = {"trainer": coordinator.pk}
    data = {
        "enrolment": scene.enrolment.pk,
        "kind": "follow_up",
        "planned_on": days(3).isoformat(),
        "trainer": trainer.pk,
        **overrides,
    }
    count = Visit.objects.count()
    response = login(coordinator).post(reverse("counselling:visit_plan"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Visit.objects.count() == count


def test_moving_a_planned_visit_into_the_past_is_refused(trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:visit_edit", args=[scene.planned_visit.pk]),
        {"kind": "follow_up", "planned_on": days(-3).isoformat()},
    )
    assert "has passed" in " ".join(response.context["form"].errors["planned_on"])
    scene.planned_visit.refresh_from_db()
    assert scene.planned_visit.planned_on == days(2)


def test_cancelling_a_done_visit_is_refused_on_the_form(trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:visit_cancel", args=[scene.done_visit.pk]), {"reason": "x"}
    )
    assert "cannot be cancelled" in " ".join(response.context["form"].non_field_errors())
    scene.done_visit.refresh_from_db()
    assert scene.done_visit.status == "done"


def test_follow_up_before_the_classroom_is_refused_on_the_form_with_the_next_step(
    trainer, scene, login
):
    scene.enrolment.status = "baseline_done"
    scene.enrolment.save()
    count = Visit.objects.count()
    response = login(trainer).post(
        reverse("counselling:visit_record_new"), phone_report(enrolment=scene.enrolment.pk)
    )
    assert "Record the classroom training first" in " ".join(
        response.context["form"].errors["kind"]
    )
    assert Visit.objects.count() == count


# --- Teams -------------------------------------------------------------------------------


def test_trainer_adds_a_member_to_the_team(trainer, scene, login):
    person = PersonFactory(enterprise=scene.team.enterprise, role="worker")
    response = login(trainer).post(
        reverse("counselling:member_add", args=[scene.team.pk]),
        {"person": person.pk, "team_role": "member", "joined_on": days(0).isoformat()},
    )
    assert response.status_code == 302
    assert scene.team.members.filter(person=person).exists()


BAD_MEMBERS = {
    "a person of another enterprise": ("stranger", "person", "Choose one of the enterprise"),
    "a join date in the future": ({"joined_on": days(3).isoformat()}, "joined_on", "future"),
    "an unknown role": ({"team_role": "boss"}, "team_role", "not one of the available"),
}


@pytest.mark.parametrize("case", BAD_MEMBERS)
def test_bad_member_shows_a_clear_error_and_writes_nothing(case, world, trainer, scene, login):
    overrides, field, message = BAD_MEMBERS[case]
    person = PersonFactory(enterprise=world.provided)
    if overrides == "stranger":
        overrides = {"person": PersonFactory(enterprise=world.unrelated_cn).pk}
    data = {
        "person": person.pk,
        "team_role": "member",
        "joined_on": days(0).isoformat(),
        **overrides,
    }
    count = TeamMember.objects.count()
    response = login(trainer).post(reverse("counselling:member_add", args=[scene.team.pk]), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert TeamMember.objects.count() == count


def test_leaving_before_joining_is_refused(trainer, scene, login):
    member = scene.team.members.first()
    response = login(trainer).post(
        reverse("counselling:member_edit", args=[scene.team.pk, member.pk]),
        {
            "team_role": "member",
            "joined_on": days(-10).isoformat(),
            "left_on": days(-20).isoformat(),
        },
    )
    assert "before the date they joined" in str(response.context["form"].errors)
    member.refresh_from_db()
    assert member.left_on is None


def test_enterprise_user_records_a_meeting(enterprise_user, scene, login):
    member = TeamMemberFactory(team=scene.unrelated_team)
    response = login(enterprise_user).post(
        reverse("counselling:meeting_add", args=[scene.unrelated_team.pk]),
        {"held_on": days(0).isoformat(), "attendees": [member.pk], "decisions": "Paint walkways."},
    )
    assert response.status_code == 302
    assert list(TeamMeeting.objects.get().attendees.all()) == [member]


def test_meeting_in_the_future_or_without_decisions_is_refused(trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:meeting_add", args=[scene.team.pk]),
        {"held_on": days(2).isoformat(), "decisions": ""},
    )
    errors = response.context["form"].errors
    assert "decisions" in errors
    assert not TeamMeeting.objects.exists()


def test_a_second_team_for_the_same_programme_is_refused(trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:team_create", args=[scene.team.enterprise_id]),
        {"programme": scene.team.programme_id, "formed_on": "", "notes": ""},
    )
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert ImprovementTeam.objects.filter(enterprise=scene.team.enterprise).count() == 1


def test_a_second_team_for_the_same_programme_says_it_has_one_and_links_to_it(
    trainer, scene, login
):
    response = login(trainer).post(
        reverse("counselling:team_create", args=[scene.team.enterprise_id]),
        {"programme": scene.team.programme_id, "formed_on": "", "notes": ""},
    )
    body = response.content.decode()
    assert "already has an improvement team for CN-P1" in body
    assert "Select a valid choice" not in body
    assert f'href="{scene.team.get_absolute_url()}">Open the existing team' in body


# --- Projects ----------------------------------------------------------------------------


def project_data(**overrides):
    data = {
        "title": "Less rework on line 2",
        "module": "",
        "team": "",
        "problem": "One seam in ten is sewn twice.",
        "kpi": "rework_rate",
        "currency": "CNY",
        "cost": "1200",
        "expected_savings": "30000",
        "actual_savings": "",
    }
    data.update(overrides)
    return data


def test_enterprise_user_adds_an_improvement_project(enterprise_user, scene, login):
    response = login(enterprise_user).post(
        reverse("counselling:project_create", args=[scene.unrelated_project.enterprise_id]),
        project_data(),
    )
    project = ImprovementProject.objects.latest("pk")
    assert response.url == project.get_absolute_url()
    assert (project.kpi, str(project.expected_savings)) == ("rework_rate", "30000.00")


BAD_PROJECTS = {
    "no title": ({"title": ""}, "title", "required"),
    "negative cost": ({"cost": "-5"}, "cost", "greater than or equal to 0"),
    "an unknown currency": ({"currency": "XXX"}, "currency", "not one of the available"),
    "a KPI code with spaces": ({"kpi": "Defect rate"}, "kpi", "e.g. defect_rate"),
    "another enterprises team": ("team", "team", "not one of the available"),
}


@pytest.mark.parametrize("case", BAD_PROJECTS)
def test_bad_project_shows_a_clear_error_and_writes_nothing(case, trainer, scene, login):
    overrides, field, message = BAD_PROJECTS[case]
    if overrides == "team":
        overrides = {"team": scene.unrelated_team.pk}
    count = ImprovementProject.objects.count()
    response = login(trainer).post(
        reverse("counselling:project_create", args=[scene.project.enterprise_id]),
        project_data(**overrides),
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert ImprovementProject.objects.count() == count


def test_project_moves_through_start_and_completion_by_its_pages(trainer, scene, login):
    client = login(trainer)
    client.post(reverse("counselling:project_start", args=[scene.project.pk]))
    client.post(
        reverse("counselling:project_complete", args=[scene.project.pk]),
        {"finished_on": days(0).isoformat(), "actual_savings": "18670"},
    )
    scene.project.refresh_from_db()
    assert (scene.project.status, str(scene.project.actual_savings)) == ("done", "18670.00")


def test_starting_a_project_twice_says_why_not(trainer, scene, login):
    client = login(trainer)
    client.post(reverse("counselling:project_start", args=[scene.project.pk]))
    response = client.post(reverse("counselling:project_start", args=[scene.project.pk]))
    assert "is in progress, so it cannot be marked in progress" in " ".join(messages_of(response))


def test_dropping_a_project_without_a_reason_is_refused(trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:project_drop", args=[scene.project.pk]), {"reason": ""}
    )
    assert "Say why" in " ".join(response.context["form"].errors["reason"])
    scene.project.refresh_from_db()
    assert scene.project.status == "planned"


def test_completing_a_project_with_negative_savings_is_refused(trainer, scene, login):
    scene.project.status = "in_progress"
    scene.project.save()
    response = login(trainer).post(
        reverse("counselling:project_complete", args=[scene.project.pk]),
        {"finished_on": days(0).isoformat(), "actual_savings": "-1"},
    )
    assert "actual_savings" in response.context["form"].errors
    scene.project.refresh_from_db()
    assert scene.project.status == "in_progress"


def test_trainer_adds_an_action_and_marks_it_done(trainer, scene, login):
    owner = PersonFactory(enterprise=scene.project.enterprise)
    client = login(trainer)
    client.post(
        reverse("counselling:project_action_add", args=[scene.project.pk]),
        {"description": "Buy seam gauges", "owner": owner.pk, "owner_name": "", "due_on": ""},
    )
    item = ProjectAction.objects.get()
    client.post(
        reverse("counselling:project_action_done", args=[scene.project.pk, item.pk]), {"done": "1"}
    )
    item.refresh_from_db()
    assert (item.owner, item.done) == (owner, True)


def test_an_action_without_a_description_is_refused(trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:project_action_add", args=[scene.project.pk]),
        {"description": "", "owner": "", "owner_name": "", "due_on": "soon"},
    )
    errors = response.context["form"].errors
    assert {"description", "due_on"} <= set(errors)
    assert not ProjectAction.objects.exists()
