"""The import / export pages: who may use them, upload as a job, polling, export download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from score.enterprises.models import Enterprise
from score.imports import actions
from score.imports.models import Job, JobStatus
from tests.imports import corpus
from tests.imports.helpers import counts


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


def _upload(client, path, **extra):
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes()), **extra}
    return client.post(reverse("imports:upload"), data)


@pytest.mark.parametrize("persona", ["admin_user", "coordinator"])
def test_admins_and_coordinators_see_the_import_page(request, login, persona):
    response = login(request.getfixturevalue(persona)).get(reverse("imports:index"))
    assert response.status_code == 200
    assert "Download the template" in response.content.decode()


@pytest.mark.parametrize(
    "persona",
    ["provider_staff", "trainer", "sponsor_user", "donor_user", "enterprise_user", "outsider"],
)
def test_other_roles_get_404_on_the_import_page(request, login, persona, tmp_path):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("imports:index")).status_code == 404
    assert _upload(client, corpus.good_workbook(tmp_path)).status_code == 404
    assert not Job.objects.exists()


def test_upload_creates_a_queued_job_and_the_task_imports_it(
    world, coordinator, login, tmp_path, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(client, corpus.good_workbook(tmp_path))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == JobStatus.QUEUED and job.owner == coordinator
    assert len(callbacks) == 1  # the task is enqueued once the upload is committed
    page = client.get(job.get_absolute_url())
    assert 'hx-trigger="every 2s"' in page.content.decode()
    actions.run_job(job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.rows_total == job.rows_validated == job.rows_written == 13
    assert Enterprise.objects.filter(code="E-NEW1").exists()
    fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html and 'id="job-status"' in html
    assert "every 2s" not in html  # finished: polling stops
    assert "13 of 13 rows checked" in html


def test_job_page_lists_every_problem_of_a_bad_workbook(world, coordinator, login, tmp_path):
    client = login(coordinator)
    sheets = corpus.good_sheets()
    sheets["Enterprises"][2][2] = "VN"
    _upload(client, corpus.write_xlsx(tmp_path / "vn.xlsx", sheets))
    before = counts()
    job = actions.run_job(job=Job.objects.get())
    assert job.status == JobStatus.FAILED
    assert counts() == before
    html = client.get(job.get_absolute_url()).content.decode()
    assert "You coordinate CN" in html and "nothing was imported" in html


def test_another_users_job_is_404(world, coordinator, admin_user, login, tmp_path):
    _upload(login(admin_user), corpus.good_workbook(tmp_path))
    job = Job.objects.get()
    assert login(coordinator).get(job.get_absolute_url()).status_code == 404


def test_template_downloads_from_the_page(world, coordinator, login, tmp_path):
    response = login(coordinator).get(reverse("imports:template"))
    assert response.status_code == 200
    path = tmp_path / "t.xlsx"
    path.write_bytes(response.content)
    assert "Measurements" in load_workbook(path).sheetnames


def test_export_job_writes_only_the_users_scope(world, coordinator, login, tmp_path):
    client = login(coordinator)
    response = client.post(reverse("imports:export"), {"programme": ""})
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    actions.run_job(job=job)
    download = client.get(reverse("imports:job_download", args=[job.pk]))
    assert download.status_code == 200
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"".join(download.streaming_content))
    wb = load_workbook(path)
    programmes = [r[0] for r in wb["Programmes"].iter_rows(min_row=2, values_only=True)]
    enterprises = [r[1] for r in wb["Enterprises"].iter_rows(min_row=2, values_only=True)]
    assert programmes == ["CN-P1"]
    assert "Hanoi Furniture" not in enterprises and "Provided Machinery" in enterprises


def test_navigation_shows_import_export_to_coordinators_only(world, coordinator, trainer, login):
    assert "Import / export" in login(coordinator).get(reverse("home")).content.decode()
    assert "Import / export" not in login(trainer).get(reverse("home")).content.decode()


def test_upload_over_the_size_limit_is_refused_on_the_form(world, coordinator, login, settings):
    settings.SCORE_MAX_IMPORT_MB = 1
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"0" * 2_000_000)
    response = login(coordinator).post(reverse("imports:upload"), {"file": big})
    assert response.status_code == 400
    assert "over the limit of 1 MB" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "build, message",
    [
        (corpus.non_utf8_csv, "is a CSV file; the programme workbook is imported only as"),
        (corpus.not_a_spreadsheet, "is not an Excel workbook (.xlsx)"),
        (corpus.zip_not_xlsx, "is a zip file but not an Excel workbook"),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_upload_of_a_file_that_is_not_a_workbook_is_refused_on_the_form(
    world, coordinator, login, tmp_path, build, message
):
    response = _upload(login(coordinator), build(tmp_path))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_a_failed_job_shows_as_failed_without_a_progress_bar(world, coordinator, login, tmp_path):
    client = login(coordinator)
    sheets = corpus.good_sheets()
    sheets["Enterprises"][2][2] = "VN"
    _upload(client, corpus.write_xlsx(tmp_path / "vn.xlsx", sheets))
    job = actions.run_job(job=Job.objects.get())
    assert job.status == JobStatus.FAILED
    html = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "<progress" not in html and "50%" not in html
    assert '<strong class="error">Failed</strong>' in html
    assert "The job failed, so nothing was written." in html
