"""Every survey page per persona, the entry form, the import page and query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from score.surveys.models import Response

from .conftest import respond
from .test_kobo_import import kobo_csv

READERS = {"admin_user", "coordinator", "provider_staff", "trainer", "sponsor_user", "donor_user"}
ENTERERS = {"admin_user", "coordinator", "provider_staff", "trainer"}


@pytest.mark.parametrize("url_name", ["questionnaire_list", "questionnaire_detail", "results"])
def test_reading_pages_are_for_working_roles_and_viewers_only(persona, login, url_name):
    name, user = persona
    args = [] if url_name == "questionnaire_list" else ["WPS"]
    response = login(user).get(reverse(f"surveys:{url_name}", args=args))
    assert response.status_code == (200 if name in READERS else 403)


@pytest.mark.parametrize("url_name", ["response_create", "csv_import", "questionnaire_xlsform"])
def test_entry_pages_are_for_working_roles_only(persona, login, url_name):
    name, user = persona
    response = login(user).get(reverse(f"surveys:{url_name}", args=["WPS"]))
    assert response.status_code == (200 if name in ENTERERS else 403)


def test_an_unknown_questionnaire_is_not_found(coordinator, login):
    assert login(coordinator).get(reverse("surveys:results", args=["NOPE"])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(reverse("surveys:questionnaire_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_results_page_shows_shares_with_n_and_suppression_notes(world, admin_user, login):
    respond(world.provided, count=6, sex="female")
    respond(world.provided, count=2, sex="male")
    page = login(admin_user).get(reverse("surveys:results", args=["WPS"]))
    text = page.content.decode()
    assert '100% <span class="muted">(n=8)</span>' in text
    assert "fewer than 5 respondents" in text
    assert "(n=2)" not in text and "(n=6)" not in text


def test_the_results_page_filters_by_wave(world, admin_user, login):
    respond(world.provided, count=5, wave="baseline")
    page = login(admin_user).get(reverse("surveys:results", args=["WPS"]), {"wave": "endline"})
    assert "(n=5)" not in page.content.decode()


def _results_page_queries(client):
    url = reverse("surveys:results", args=["WPS"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"programme": "", "sex": ""}).status_code == 200
    return len(queries)


def test_the_results_page_costs_the_same_number_of_queries_for_5_and_50(world, admin_user, login):
    client = login(admin_user)
    respond(world.provided, count=3, sex="female")
    respond(world.sponsored_consenting, count=2, sex="male", role="manager")
    with_5 = _results_page_queries(client)
    respond(world.provided, count=22, sex="other", wave="baseline")
    respond(world.sponsored_private, count=23, sex="male", role="manager")
    assert Response.objects.count() == 50
    assert _results_page_queries(client) == with_5


def test_a_trainer_records_a_paper_questionnaire(world, trainer, login):
    client = login(trainer)
    response = client.post(
        reverse("surveys:response_create", args=["WPS"]),
        {
            "enterprise": world.provided.pk,
            "wave": "endline",
            "role": "worker",
            "sex": "female",
            "tenure_band": "3to10",
            "submitted_on": "2012-05-10",
            "q_relations_improved": "5",
            "q_suggestions_heard": "yes",
        },
    )
    assert response.status_code == 302
    assert Response.objects.get().answers.count() == 2


def test_a_trainer_cannot_record_for_an_enterprise_not_assigned(world, trainer, login):
    response = login(trainer).post(
        reverse("surveys:response_create", args=["WPS"]),
        {
            "enterprise": world.unrelated_cn.pk,
            "wave": "endline",
            "role": "worker",
            "sex": "female",
            "tenure_band": "3to10",
            "submitted_on": "2012-05-10",
            "q_relations_improved": "5",
        },
    )
    assert response.status_code == 200
    assert "enterprise" in response.context["form"].errors
    assert not Response.objects.exists()


def test_the_import_page_imports_a_kobo_file(world, coordinator, login):
    upload = SimpleUploadedFile("export.csv", kobo_csv(world), content_type="text/csv")
    response = login(coordinator).post(
        reverse("surveys:csv_import", args=["WPS"]), {"file": upload}
    )
    assert response.status_code == 302
    assert Response.objects.count() == 3


def test_the_import_page_lists_problems_and_writes_nothing(world, coordinator, login):
    data = kobo_csv(world, bad=(0, "respondent/sex", "x"))
    upload = SimpleUploadedFile("export.csv", data, content_type="text/csv")
    response = login(coordinator).post(
        reverse("surveys:csv_import", args=["WPS"]), {"file": upload}
    )
    assert response.status_code == 400
    assert "Row 2, column respondent/sex" in response.content.decode()
    assert not Response.objects.exists()


def test_the_import_page_refuses_a_file_that_is_not_csv(world, coordinator, login):
    upload = SimpleUploadedFile("data.xlsx", b"PK\x03\x04rest")
    response = login(coordinator).post(
        reverse("surveys:csv_import", args=["WPS"]), {"file": upload}
    )
    assert "is not a CSV file" in response.content.decode()
    assert not Response.objects.exists()


def test_the_import_page_refuses_a_file_over_the_size_limit(world, coordinator, login, settings):
    settings.SCORE_MAX_SURVEY_CSV_MB = 1
    upload = SimpleUploadedFile("big.csv", b"a," * (600 * 1024))
    response = login(coordinator).post(
        reverse("surveys:csv_import", args=["WPS"]), {"file": upload}
    )
    assert "the largest accepted is 1 MB" in response.content.decode()


def test_the_import_page_refuses_enterprises_outside_the_scope(world, provider_staff, login):
    data = kobo_csv(world).replace(world.provided.code.encode(), world.unrelated_cn.code.encode())
    upload = SimpleUploadedFile("export.csv", data, content_type="text/csv")
    response = login(provider_staff).post(
        reverse("surveys:csv_import", args=["WPS"]), {"file": upload}
    )
    assert response.status_code == 400 and not Response.objects.exists()


def test_the_xlsform_download_lists_only_the_users_enterprises(world, trainer, login):
    import io

    from openpyxl import load_workbook

    response = login(trainer).get(reverse("surveys:questionnaire_xlsform", args=["WPS"]))
    book = load_workbook(io.BytesIO(response.content))
    codes = {
        r[1] for r in book["choices"].iter_rows(min_row=2, values_only=True) if r[0] == "enterprise"
    }
    assert codes == {world.provided.code}


def test_the_navigation_shows_surveys_to_a_coordinator(coordinator, login):
    page = login(coordinator).get(reverse("home"))
    assert reverse("surveys:questionnaire_list") in page.content.decode()


def test_a_satisfaction_response_can_name_its_classroom_session(world, coordinator, login):
    import datetime

    from score.training.models import ClassroomSession, Module

    session = ClassroomSession.objects.create(
        programme=world.programme,
        module=Module.objects.get(code="WC"),
        title="WC class 1",
        start_date=datetime.date(2012, 3, 1),
        end_date=datetime.date(2012, 3, 2),
        venue="Shenyang",
    )
    response = login(coordinator).post(
        reverse("surveys:response_create", args=["SAT"]),
        {
            "enterprise": world.provided.pk,
            "wave": "after_module",
            "role": "manager",
            "sex": "male",
            "tenure_band": "gt10",
            "submitted_on": "2012-03-02",
            "session": session.pk,
            "q_overall_satisfied": "5",
        },
    )
    assert response.status_code == 302
    assert Response.objects.get().session == session


def test_each_question_of_the_entry_form_is_a_group_of_labelled_choices(coordinator, login):
    page = login(coordinator).get(reverse("surveys:response_create", args=["WPS"]))
    text = page.content.decode()
    assert "<legend>Relations between workers and management have improved.</legend>" in text
    assert 'for="id_q_relations_improved_4"' in text


def test_a_form_answering_no_question_is_refused_with_a_message(world, coordinator, login):
    response = login(coordinator).post(
        reverse("surveys:response_create", args=["WPS"]),
        {
            "enterprise": world.provided.pk,
            "wave": "endline",
            "role": "worker",
            "sex": "female",
            "tenure_band": "lt1",
            "submitted_on": "2012-05-10",
        },
    )
    assert response.status_code == 200
    assert "Answer at least one question." in response.content.decode()
    assert not Response.objects.exists()
