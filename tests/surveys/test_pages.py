"""Every survey page per persona, the entry form, the CSV import page and its job, and query
counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from score.imports import actions as import_actions
from score.imports.models import Job, JobKind, JobStatus
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


@pytest.fixture
def data_dir(settings, tmp_path):
    """Uploaded files go to a temporary folder."""
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def _upload(client, data, name="export.csv"):
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(reverse("surveys:csv_import", args=["WPS"]), {"file": upload})


def test_the_import_page_queues_a_job_whose_page_shows_progress_then_the_count(
    world, coordinator, login, data_dir, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(client, kobo_csv(world))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert (job.kind, job.status, job.owner) == (JobKind.SURVEY_CSV, JobStatus.QUEUED, coordinator)
    assert job.parameters["questionnaire"] == "WPS" and job.input_name == "export.csv"
    assert len(callbacks) == 1  # the task is enqueued once the upload is committed
    assert not Response.objects.exists()  # nothing is written inside the request
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Survey CSV import" in page
    import_actions.run_job(job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.rows_total, job.rows_validated, job.rows_written) == (3, 3, 3)
    assert Response.objects.count() == 3
    fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "every 2s" not in fragment
    assert "3 of 3 rows checked, 3 of 3 written." in fragment
    assert "3 responses were imported; 0 were already here" in fragment
    assert reverse("surveys:results", args=["WPS"]) in fragment


def test_with_the_immediate_task_backend_the_upload_imports_before_the_redirect(
    world, coordinator, login, data_dir, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(login(coordinator), kobo_csv(world))
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.status == JobStatus.DONE and Response.objects.count() == 3


def test_the_job_of_a_file_with_a_bad_row_fails_lists_the_row_and_writes_nothing(
    world, coordinator, login, data_dir
):
    client = login(coordinator)
    _upload(client, kobo_csv(world, bad=(0, "respondent/sex", "x")))
    job = import_actions.run_job(job=Job.objects.get())
    assert job.status == JobStatus.FAILED and job.rows_written == 0
    assert [(m["row"], m["column"]) for m in job.messages] == [(2, "respondent/sex")]
    assert not Response.objects.exists()
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was imported: the file has 1 problem." in html
    assert "is not allowed here; use one of female, male, other" in html
    assert '<td data-label="Column">respondent/sex</td>' in html


def test_the_import_page_refuses_a_file_that_is_not_csv(world, coordinator, login, data_dir):
    response = _upload(login(coordinator), b"PK\x03\x04rest", name="data.xlsx")
    assert response.status_code == 400
    assert "is not a CSV file" in response.content.decode()
    assert not Job.objects.exists() and not Response.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b" \r\n", "The file is empty"),
        (b"PK\x03\x04" + b"\x00" * 50, "an Excel workbook or zip archive, not a CSV file"),
        (b"enterprise,wave\n\x81\x30\xff\xff,x\n", "tried UTF-8"),
        (b"enterprise,wave,sex\r\n", "header row but no responses below it"),
    ],
)
def test_the_import_page_refuses_an_unreadable_csv_on_the_form(
    world, coordinator, login, data_dir, data, message
):
    response = _upload(login(coordinator), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_the_import_page_refuses_a_file_over_the_size_limit(
    world, coordinator, login, settings, data_dir
):
    settings.SCORE_MAX_SURVEY_CSV_MB = 1
    response = _upload(login(coordinator), b"a," * (600 * 1024), name="big.csv")
    assert response.status_code == 400
    assert "the largest accepted is 1 MB" in response.content.decode()
    assert not Job.objects.exists()


def test_the_job_refuses_enterprises_outside_the_uploaders_scope(
    world, provider_staff, login, data_dir
):
    data = kobo_csv(world).replace(world.provided.code.encode(), world.unrelated_cn.code.encode())
    client = login(provider_staff)
    assert _upload(client, data).status_code == 302
    job = import_actions.run_job(job=Job.objects.get())
    assert job.status == JobStatus.FAILED and len(job.messages) == 3
    assert not Response.objects.exists()
    assert client.get(job.get_absolute_url()).status_code == 200  # its owner sees it


def test_another_user_cannot_see_a_survey_import_job(
    world, coordinator, provider_staff, trainer, admin_user, login, data_dir
):
    _upload(login(coordinator), kobo_csv(world))
    job = Job.objects.get()
    for other in (provider_staff, trainer):
        assert login(other).get(job.get_absolute_url()).status_code == 404
        assert login(other).get(job.get_absolute_url(), HTTP_HX_REQUEST="true").status_code == 404
    assert login(admin_user).get(job.get_absolute_url()).status_code == 200
    assert login(coordinator).get(job.get_absolute_url()).status_code == 200


def test_the_import_page_lists_the_users_own_recent_imports(
    world, coordinator, provider_staff, login, data_dir
):
    _upload(login(provider_staff), kobo_csv(world), name="theirs.csv")
    client = login(coordinator)
    _upload(client, kobo_csv(world), name="mine.csv")
    page = client.get(reverse("surveys:csv_import", args=["WPS"])).content.decode()
    assert "mine.csv" in page and "theirs.csv" not in page


def _job_page_queries(client, job):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(job.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_job_page_costs_the_same_number_of_queries_for_1_and_40_problems(
    world, coordinator, login, data_dir
):
    client = login(coordinator)
    _upload(client, kobo_csv(world, rows=1, bad=(0, "respondent/sex", "x")))
    small = import_actions.run_job(job=Job.objects.get())
    data = kobo_csv(world, rows=40).replace(b",endline,", b",midline,")
    _upload(client, data)
    large = import_actions.run_job(job=Job.objects.latest("pk"))
    assert (len(small.messages), len(large.messages)) == (1, 40)
    assert _job_page_queries(client, large) == _job_page_queries(client, small)


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
