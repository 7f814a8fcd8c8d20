"""What the training pages do: the happy paths, the rules' messages, the guidance."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from score.accounts.models import User
from score.training.models import ClassroomSession, Enrolment, Module, Participant
from tests.counselling.factories import VisitFactory
from tests.factories import ParticipationFactory, PersonFactory
from tests.training.factories import EnrolmentFactory, class_of, core_module

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# Modules


def test_coordinator_adds_a_module_with_a_chinese_name(coordinator, login, world):
    response = login(coordinator).post(
        reverse("training:module_create"),
        {
            "programme": world.programme.pk,
            "code": "LEAN",
            "name": "Lean Manufacturing",
            "name_zh_hans": "精益生产",
            "order": 6,
            "classroom_days": 3,
            "followup_visits": 3,
            "prerequisites": [core_module().pk],
        },
        follow=True,
    )
    module = Module.objects.get(code="LEAN")
    assert module.programme == world.programme
    assert module.name_translations == {"zh-hans": "精益生产"}
    assert "only CN-P1 offers it" in messages_of(response)[0]


def test_module_shows_its_name_in_chinese(coordinator, login, world):
    client = login(coordinator)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("training:module_detail", args=[core_module().pk]))
    assert "<h1>工作场所合作" in response.text


def test_module_list_filters_by_programme_with_htmx(coordinator, login, classes, world):
    response = login(coordinator).get(
        reverse("training:module_list"), {"programme": world.programme.pk}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.text
    assert [m.code for m in response.context["page"].object_list] == [
        "WC",
        "QM",
        "PCP",
        "HR",
        "OSH",
    ]


# Enrolments


def test_coordinator_enrols_an_enterprise_in_workplace_cooperation(coordinator, login, world):
    response = login(coordinator).post(
        reverse("training:enrolment_create", args=[world.provided.pk]),
        {"programme": world.programme.pk, "module": core_module().pk},
        follow=True,
    )
    enrolment = Enrolment.objects.get(enterprise=world.provided)
    assert enrolment.status == "registered"
    assert "Record its baseline visit next" in messages_of(response)[0]


def test_classroom_before_the_baseline_is_refused_with_the_rules_message(coordinator, login, world):
    enrolment = EnrolmentFactory(enterprise=world.provided, programme=world.programme)
    response = login(coordinator).post(
        reverse("training:enrolment_step", args=[enrolment.pk, "classroom"]), follow=True
    )
    assert response.status_code == 200
    assert "Record its baseline visit first." in messages_of(response)[0]
    assert "Record its baseline visit first." in response.text
    enrolment.refresh_from_db()
    assert enrolment.status == "registered"


@pytest.mark.parametrize(
    ("status", "step", "after"),
    [
        ("registered", "baseline", "baseline_done"),
        ("baseline_done", "classroom", "classroom_done"),
        ("classroom_done", "visits", "visits_done"),
        ("visits_done", "complete", "completed"),
    ],
)
def test_each_step_button_moves_the_enrolment_on(status, step, after, coordinator, login, world):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, status=status
    )
    VisitFactory(enrolment=enrolment)
    login(coordinator).post(
        reverse("training:enrolment_step", args=[enrolment.pk, step]), {"on": "2012-04-01"}
    )
    enrolment.refresh_from_db()
    assert enrolment.status == after


def test_marking_visits_done_without_a_follow_up_visit_is_refused_with_a_message(
    coordinator, login, world
):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, status="classroom_done"
    )
    response = login(coordinator).post(
        reverse("training:enrolment_step", args=[enrolment.pk, "visits"]), follow=True
    )
    assert "Record at least one follow-up visit" in messages_of(response)[0]
    enrolment.refresh_from_db()
    assert enrolment.status == "classroom_done"


def test_marking_visits_done_with_fewer_than_the_standard_says_how_many_of_it(
    coordinator, login, world
):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, status="classroom_done"
    )
    VisitFactory(enrolment=enrolment)
    client = login(coordinator)
    page = client.get(enrolment.get_absolute_url())
    assert "1 of 3 follow-up visits took place." in page.text
    response = client.post(
        reverse("training:enrolment_step", args=[enrolment.pk, "visits"]), follow=True
    )
    assert "1 of 3 follow-up visits took place." in messages_of(response)[0]
    enrolment.refresh_from_db()
    assert enrolment.status == "visits_done"


def test_dropping_records_the_reason(coordinator, login, world):
    enrolment = EnrolmentFactory(enterprise=world.provided, programme=world.programme)
    login(coordinator).post(
        reverse("training:enrolment_step", args=[enrolment.pk, "drop"]),
        {"reason": "The factory closed."},
    )
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.dropped_reason) == ("dropped", "The factory closed.")


def test_step_returns_to_the_page_it_came_from(coordinator, login, classes, world):
    back = reverse("training:enterprise_enrolments", args=[world.provided.pk])
    response = login(coordinator).post(
        reverse("training:enrolment_step", args=[classes.enrolment.pk, "classroom"]),
        {"next": back},
    )
    assert response.url == back


def test_step_does_not_return_to_another_site(coordinator, login, classes):
    response = login(coordinator).post(
        reverse("training:enrolment_step", args=[classes.enrolment.pk, "classroom"]),
        {"next": "https://evil.example.com/"},
    )
    assert response.url == classes.enrolment.get_absolute_url()


def test_enterprise_page_offers_the_next_step_and_the_certificate(
    coordinator, login, classes, world
):
    response = login(coordinator).get(
        reverse("training:enterprise_enrolments", args=[world.provided.pk])
    )
    assert reverse("training:enrolment_step", args=[classes.enrolment.pk, "classroom"]) in (
        response.text
    )
    assert reverse("training:certificate", args=[classes.completed.pk]) in response.text


def test_enrolment_page_leads_to_planning_and_recording_its_visits(
    coordinator, enterprise_user, login, classes
):
    page = reverse("training:enrolment_detail", args=[classes.own.pk])
    plan = f"{reverse('counselling:visit_plan')}?enrolment={classes.own.pk}&amp;next="
    record = f"{reverse('counselling:visit_record_new')}?enrolment={classes.own.pk}&amp;next="
    response = login(coordinator).get(page)
    assert plan in response.text
    assert record in response.text
    response = login(enterprise_user).get(page)
    assert response.status_code == 200
    assert plan not in response.text


def test_provider_staff_enrols_only_in_programmes_their_organisation_delivers(
    provider_staff, login, world
):
    response = login(provider_staff).get(
        reverse("training:enterprise_enrolments", args=[world.provided.pk])
    )
    assert list(response.context["enrol_form"].fields["programme"].queryset) == [world.programme]


# Classroom sessions


def _session_post(world, enrolments=(), **overrides):
    data = {
        "programme": world.programme.pk,
        "module": core_module().pk,
        "title": "Shenyang WC class 2",
        "start_date": "2012-03-15",
        "end_date": "2012-03-16",
        "venue": "CEC Shenyang",
        "provider": world.provider.pk,
        "enrolments": [e.pk for e in enrolments],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_provider_staff_plans_a_class_of_their_organisation(provider_staff, login, classes, world):
    response = login(provider_staff).post(
        reverse("training:session_create"),
        _session_post(world, enrolments=[classes.enrolment]),
    )
    session = ClassroomSession.objects.get(title="Shenyang WC class 2")
    assert response.url == session.get_absolute_url()
    assert list(session.enrolments.all()) == [classes.enrolment]
    assert session.days.count() == 2


def test_provider_staff_may_only_name_their_own_organisation(provider_staff, login, world):
    response = login(provider_staff).post(
        reverse("training:session_create"), _session_post(world, provider=world.other_provider.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["provider"]
    assert not ClassroomSession.objects.filter(title="Shenyang WC class 2").exists()


def test_coordinator_edits_the_days_of_a_class(coordinator, login, classes):
    session = classes.session
    response = login(coordinator).post(
        reverse("training:session_edit", args=[session.pk]),
        {
            "programme": session.programme_id,
            "module": session.module_id,
            "title": "Renamed",
            "start_date": "2012-03-15",
            "end_date": "2012-03-20",
            "days": "2012-03-15, 2012-03-20",
            "venue": "CEC",
            "provider": session.provider_id,
            "enrolments": [classes.enrolment.pk],
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Renamed"
    assert [d.isoformat() for d in session.days.values_list("date", flat=True)] == [
        "2012-03-15",
        "2012-03-20",
    ]


def test_class_page_lists_enterprises_people_and_attendance(coordinator, login, classes):
    response = login(coordinator).get(reverse("training:session_detail", args=[classes.session.pk]))
    page = response.context["page"]
    assert [e.enterprise.name for e in page.enrolments] == ["Provided Machinery"]
    assert page.counts["total"] == 1
    assert [row.participant for row in page.rows] == [classes.participant]
    assert len(page.days) == 2
    assert 'name="present"' in response.text


def test_class_page_counts_participants_by_sex_and_role(coordinator, login, world):
    session = class_of(programme=world.programme, enterprises=[world.provided], managers=1)
    response = login(coordinator).get(reverse("training:session_detail", args=[session.pk]))
    page = response.context["page"]
    by_role = dict(page.by_role)
    assert [str(label) for label in page.sex_labels] == ["Female", "Male", "Other / not stated"]
    assert by_role["Manager"] == [1, 0, 0]
    assert by_role["Worker"] == [2, 0, 0]
    assert page.by_sex == [3, 0, 0]


def test_small_class_shows_the_guidance_without_refusing(coordinator, login, world):
    session = class_of(programme=world.programme, enterprises=[world.provided], workers=3)
    response = login(coordinator).get(reverse("training:session_detail", args=[session.pk]))
    notices = response.context["page"].notices
    assert "This class has 1 enterprise; SCORE recommends 4 to 5" in notices[0]
    assert "Provided Machinery sends managers: 2, workers: 3" in notices[1]


def test_class_within_the_guidance_shows_no_notice(coordinator, login, world):
    enterprises = [ParticipationFactory(programme=world.programme).enterprise for _ in range(4)]
    session = class_of(programme=world.programme, enterprises=enterprises)
    response = login(coordinator).get(reverse("training:session_detail", args=[session.pk]))
    assert response.context["page"].notices == []


def test_viewer_of_one_enterprise_sees_only_its_people_in_the_class(
    enterprise_user, login, classes, world
):
    classes.session.enrolments.add(classes.own)
    Participant.objects.create(
        session=classes.session, person=PersonFactory(enterprise=world.unrelated_cn)
    )
    response = login(enterprise_user).get(
        reverse("training:session_detail", args=[classes.session.pk])
    )
    page = response.context["page"]
    assert [e.enterprise for e in page.enrolments] == [world.unrelated_cn]
    assert {row.participant.person.enterprise for row in page.rows} == {world.unrelated_cn}
    assert page.counts["total"] == 2
    assert 'name="present"' not in response.text


def test_coordinator_adds_people_already_recorded(coordinator, login, classes, world):
    person = PersonFactory(enterprise=world.provided, role="worker")
    response = login(coordinator).post(
        reverse("training:participant_add", args=[classes.session.pk]),
        {"pick-people": [person.pk]},
    )
    assert response.status_code == 302
    assert classes.session.participants.filter(person=person).exists()


def test_trainer_records_a_new_participant_without_a_name(trainer, login, classes, world):
    classes.session.trainers.add(trainer)
    response = login(trainer).post(
        reverse("training:participant_new", args=[classes.session.pk]),
        {"new-enterprise": world.provided.pk, "new-sex": "male", "new-role": "worker"},
    )
    assert response.status_code == 302
    assert classes.session.participants.filter(
        person__sex="male", person__role="worker", person__name=""
    ).exists()


def test_removing_a_participant_takes_them_out_of_the_class(coordinator, login, classes):
    login(coordinator).post(
        reverse("training:participant_remove", args=[classes.session.pk, classes.participant.pk])
    )
    assert not Participant.objects.filter(pk=classes.participant.pk).exists()


def test_attendance_saved_with_htmx_returns_the_grid_only(coordinator, login, classes):
    day = classes.session.days.first()
    response = login(coordinator).post(
        reverse("training:attendance", args=[classes.session.pk]),
        {"present": [f"{classes.participant.pk}-{day.pk}"]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="attendance"' in response.text
    assert "Attendance saved" in response.text
    assert classes.participant.attendance.get(day=day).present


def test_class_records_the_classroom_for_an_enterprise(coordinator, login, classes):
    response = login(coordinator).post(
        reverse("training:session_classroom_done", args=[classes.session.pk, classes.enrolment.pk]),
        follow=True,
    )
    classes.enrolment.refresh_from_db()
    assert classes.enrolment.status == "classroom_done"
    assert classes.enrolment.classroom_on == classes.session.end_date
    assert "finished the classroom training" in messages_of(response)[0]


def test_class_refuses_the_classroom_before_the_baseline_with_the_rules_message(
    coordinator, login, classes
):
    classes.session.enrolments.add(classes.own)
    response = login(coordinator).post(
        reverse("training:session_classroom_done", args=[classes.session.pk, classes.own.pk]),
        follow=True,
    )
    assert response.status_code == 200
    assert "Record its baseline visit first." in messages_of(response)[0]
    classes.own.refresh_from_db()
    assert classes.own.status == "registered"


def test_class_list_filters_by_date_range(coordinator, login, classes, world):
    later = class_of(
        programme=world.programme,
        enterprises=[],
        start_date=datetime.date(2013, 5, 1),
        end_date=datetime.date(2013, 5, 2),
    )
    response = login(coordinator).get(
        reverse("training:session_list"),
        {"date_from": "2013-01-01", "date_to": "2013-12-31"},
        HTTP_HX_REQUEST="true",
    )
    assert [s.pk for s in response.context["page"].object_list] == [later.pk]
    assert "<html" not in response.text


def test_enrolment_section_can_be_included_on_another_page(coordinator, rf, classes, world):
    from django.template.loader import render_to_string

    from score.training.views import enrolment_section

    request = rf.get(world.provided.get_absolute_url())
    request.user = coordinator
    html = render_to_string(
        "training/enrolment_table.html", enrolment_section(request, world.provided), request
    )
    assert reverse("training:enrolment_step", args=[classes.enrolment.pk, "classroom"]) in html
    assert f'value="{world.provided.get_absolute_url()}"' in html


@pytest.mark.parametrize(
    "model", ["module", "enrolment", "classroomsession", "participant", "attendance"]
)
def test_admin_lists_training_records(model, client, classes):
    client.force_login(User.objects.create_superuser("root@example.org", "x"))
    assert client.get(reverse(f"admin:training_{model}_changelist")).status_code == 200


def test_enrolment_page_lists_its_visits(coordinator, login, world):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, status="classroom_done"
    )
    done = VisitFactory(enrolment=enrolment, sequence=1)
    response = login(coordinator).get(enrolment.get_absolute_url())
    assert response.context["visits"] == [done]
    body = response.text
    assert done.get_absolute_url() in body
    assert str(done.trainer) in body and "Follow-up" in body and "Done" in body


def test_enrolment_page_warns_of_an_overdue_visit(coordinator, login, world):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, status="classroom_done"
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    VisitFactory(enrolment=enrolment, planned=True, planned_on=yesterday)
    body = login(coordinator).get(enrolment.get_absolute_url()).text
    assert "1 planned visit is overdue" in body


def test_enrolment_page_warns_when_its_follow_up_visits_are_overdue(coordinator, login, world):
    classroom = timezone.localdate() - datetime.timedelta(days=200)
    enrolment = EnrolmentFactory(
        enterprise=world.provided,
        programme=world.programme,
        status="classroom_done",
        classroom_on=classroom,
    )
    VisitFactory(enrolment=enrolment, done_on=classroom + datetime.timedelta(days=10))
    body = login(coordinator).get(enrolment.get_absolute_url()).text
    assert "Follow-up visits are overdue: 1 of 3 done" in body


def test_enrolment_page_on_schedule_has_no_warning(coordinator, login, world):
    enrolment = EnrolmentFactory(
        enterprise=world.provided, programme=world.programme, status="classroom_done"
    )
    body = login(coordinator).get(enrolment.get_absolute_url()).text
    assert "overdue" not in body
