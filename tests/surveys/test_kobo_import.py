"""Importing KoboToolbox and ODK Central CSV exports of a questionnaire's XLSForm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from score.enterprises.models import Enterprise
from score.imports import actions as import_actions
from score.imports.models import JobStatus
from score.surveys import kobo
from score.surveys.models import Questionnaire, Response

KOBO_HEADER = [
    "start",
    "end",
    "respondent/enterprise",
    "respondent/programme",
    "respondent/wave",
    "respondent/respondent_role",
    "respondent/sex",
    "respondent/tenure_band",
    "answers/relations_improved",
    "answers/trust_management",
    "answers/environment_better",
    "answers/efficiency_higher",
    "answers/suggestions_heard",
    "today",
    "_id",
    "_uuid",
    "_submission_time",
]


def kobo_csv(world, rows=3, delimiter=",", bad=None, encoding="utf-8", bom=False, extra=""):
    lines = [delimiter.join(KOBO_HEADER)]
    for i in range(rows):
        values = [
            "2012-05-10T08:00:00",
            "2012-05-10T08:10:00",
            world.provided.code,
            "",
            "endline",
            "worker",
            "female" if i % 2 else "男",
            "1to3",
            "4",
            "5",
            "Agree",
            "2",
            "yes",
            "2012-05-10",
            str(100 + i),
            f"uuid-{i}",
            "2012-05-10T08:12:33",
        ]
        if bad and bad[0] == i:
            values[KOBO_HEADER.index(bad[1])] = bad[2]
        lines.append(delimiter.join(values))
    text = "\r\n".join(lines) + "\r\n" + extra
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def _import(world, data, user=None):
    questionnaire = Questionnaire.objects.prefetch_related("questions").get(code="WPS")
    return kobo.import_csv(
        by=user,
        questionnaire=questionnaire,
        data=data,
        filename="export.csv",
        enterprises=Enterprise.objects.all(),
    )


def test_a_good_kobo_file_imports_every_row(world):
    result = _import(world, kobo_csv(world))
    assert result.ok, result.problems
    assert result.created == 3
    response = Response.objects.get(external_id="uuid-0")
    assert response.source == "kobo" and response.source_row == 2
    assert str(response.submitted_on) == "2012-05-10"
    assert (
        dict(response.answers.values_list("question__code", "value"))["environment_better"] == "4"
    )


def test_a_file_with_a_byte_order_mark_imports(world):
    result = _import(world, kobo_csv(world, bom=True))
    assert result.ok and result.created == 3


def test_a_file_separated_by_semicolons_imports(world):
    result = _import(world, kobo_csv(world, delimiter=";"))
    assert result.ok and result.created == 3 and result.delimiter == ";"


def test_a_chinese_excel_file_in_gb18030_imports(world):
    result = _import(world, kobo_csv(world, encoding="gb18030"))
    assert result.ok, result.problems
    assert result.encoding == "GB18030"
    assert Response.objects.filter(sex="male").count() == 2


def test_an_odk_central_file_with_hyphenated_groups_imports(world):
    header = (
        "SubmissionDate,respondent-enterprise,respondent-wave,respondent-respondent_role,"
        "respondent-sex,respondent-tenure_band,answers-relations_improved,meta-instanceID,KEY"
    )
    code = world.provided.code
    row = f"2012-05-10T08:12:33.000Z,{code},baseline,manager,male,gt10,5,uuid:a1,uuid:a1"
    result = _import(world, f"{header}\n{row}\n".encode())
    assert result.ok, result.problems
    assert Response.objects.get().external_id == "a1"


def test_a_bad_row_writes_nothing_and_names_row_and_column(world):
    result = _import(world, kobo_csv(world, rows=5, bad=(3, "answers/trust_management", "7")))
    assert not result.ok
    assert Response.objects.count() == 0
    [problem] = result.problems
    assert problem.row == 5 and problem.column == "answers/trust_management"
    assert "1, 2, 3, 4, 5" in problem.message
    assert "Row 5, column answers/trust_management" in str(problem)


def test_an_unknown_enterprise_is_named_with_its_row(world):
    result = _import(world, kobo_csv(world, bad=(0, "respondent/enterprise", "NOPE")))
    assert [(p.row, p.column) for p in result.problems] == [(2, "respondent/enterprise")]
    assert "NOPE" in result.problems[0].message


def test_an_enterprise_outside_the_users_scope_is_refused(world):
    questionnaire = Questionnaire.objects.prefetch_related("questions").get(code="WPS")
    result = kobo.import_csv(
        by=None,
        questionnaire=questionnaire,
        data=kobo_csv(world),
        filename="x.csv",
        enterprises=Enterprise.objects.filter(pk=world.foreign.pk),
    )
    assert len(result.problems) == 3 and not Response.objects.exists()


def test_reimporting_the_same_file_creates_nothing(world):
    assert _import(world, kobo_csv(world)).created == 3
    again = _import(world, kobo_csv(world))
    assert (again.ok, again.created, again.skipped) == (True, 0, 3)
    assert Response.objects.count() == 3


def test_a_row_repeated_in_the_file_is_a_problem(world):
    data = kobo_csv(world, rows=2)
    data += data.splitlines()[-1] + b"\r\n"
    result = _import(world, data)
    assert not result.ok and result.problems[0].row == 4


def test_an_empty_file_says_so(world):
    result = _import(world, b"")
    assert "empty" in result.problems[0].message


def test_an_excel_workbook_is_refused_as_not_csv(world):
    result = _import(world, b"PK\x03\x04" + b"\x00" * 100)
    assert "not a CSV file" in result.problems[0].message
    assert not Response.objects.exists()


def test_a_missing_column_is_named(world):
    data = kobo_csv(world).replace(b"respondent/sex", b"respondent/gender")
    result = _import(world, data)
    assert [(p.row, p.column) for p in result.problems] == [(1, "sex")]


def test_undecodable_bytes_say_which_encodings_were_tried(world):
    result = _import(world, b"enterprise,wave\n\x81\x30\xff\xff,x\n")
    assert "UTF-8" in result.problems[0].message and "GB18030" in result.problems[0].message


def test_the_command_imports_a_file(world, tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_bytes(kobo_csv(world))
    call_command("import_survey_csv", "WPS", str(path))
    assert Response.objects.count() == 3
    call_command("import_survey_csv", "WPS", str(path))
    assert "0 responses imported, 3 already there" in capsys.readouterr().out


def test_the_command_refuses_a_bad_file_and_lists_the_problems(world, tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_bytes(kobo_csv(world, bad=(1, "respondent/wave", "midline")))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_survey_csv", "WPS", str(path))
    assert "Row 3, column respondent/wave" in capsys.readouterr().err
    assert not Response.objects.exists()


def test_progress_is_reported_while_checking_and_while_writing(world):
    calls = []
    questionnaire = Questionnaire.objects.prefetch_related("questions").get(code="WPS")
    result = kobo.import_csv(
        by=None,
        questionnaire=questionnaire,
        data=kobo_csv(world, rows=250) + b"\r\n,,,\r\n",
        filename="export.csv",
        enterprises=Enterprise.objects.all(),
        progress=lambda **counts: calls.append(counts),
    )
    assert result.ok and (result.total, result.validated, result.created) == (250, 250, 250)
    assert calls == [
        {"total": 250, "validated": 0, "written": 0},
        {"validated": 100},
        {"validated": 200},
        {"validated": 250},
        {"written": 100},
        {"written": 200},
        {"written": 250},
    ]


def test_progress_stops_after_checking_when_a_row_is_bad(world):
    calls = []
    questionnaire = Questionnaire.objects.prefetch_related("questions").get(code="WPS")
    kobo.import_csv(
        by=None,
        questionnaire=questionnaire,
        data=kobo_csv(world, bad=(2, "respondent/wave", "midline")),
        filename="export.csv",
        enterprises=Enterprise.objects.all(),
        progress=lambda **counts: calls.append(counts),
    )
    assert calls == [{"total": 3, "validated": 0, "written": 0}, {"validated": 3}]


# The import as a job (score.imports, kind "survey") ---------------------------------------


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def _job(user, data, name="export.csv"):
    questionnaire = Questionnaire.objects.get(code="WPS")
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    job = import_actions.create_survey_csv_job(
        by=user, questionnaire=questionnaire, uploaded=upload
    )
    return import_actions.run_job(job=job)


def test_a_survey_job_records_its_progress_and_the_count_imported(world, coordinator, data_dir):
    job = _job(coordinator, kobo_csv(world, rows=120))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.messages == []
    assert (job.rows_total, job.rows_validated, job.rows_written, job.percent) == (
        120,
        120,
        120,
        100,
    )
    assert (job.summary["created"], job.summary["skipped"]) == (120, 0)
    assert job.started_at <= job.finished_at
    assert Response.objects.filter(source_file="export.csv").count() == 120
    assert Response.objects.get(external_id="uuid-0").source_row == 2


def test_a_survey_job_of_the_same_file_again_imports_nothing_and_says_so(
    world, coordinator, data_dir
):
    _job(coordinator, kobo_csv(world))
    again = _job(coordinator, kobo_csv(world))
    assert again.status == JobStatus.DONE and again.rows_written == 0 and again.percent == 100
    assert "0 responses were imported; 3 were already here" in again.summary_text
    assert Response.objects.count() == 3


def test_a_survey_job_with_bad_rows_fails_with_each_row_and_writes_nothing(
    world, coordinator, data_dir
):
    data = kobo_csv(world, rows=4, bad=(1, "respondent/enterprise", "NOPE"))
    job = _job(coordinator, data.replace(b"uuid-3", b"uuid-2"))
    assert job.status == JobStatus.FAILED
    assert [(m["row"], m["column"]) for m in job.messages] == [
        (3, "respondent/enterprise"),
        (5, "_uuid"),
    ]
    assert "NOPE" in job.messages[0]["message"]
    assert "the file has 2 problems" in job.summary_text
    assert job.rows_written == 0 and not Response.objects.exists()


def test_a_survey_job_of_an_unreadable_file_fails_and_writes_nothing(world, coordinator, data_dir):
    job = _job(coordinator, b"PK\x03\x04" + b"\x00" * 100, name="data.csv")
    assert job.status == JobStatus.FAILED
    assert "not a CSV file" in job.messages[0]["message"]
    assert not Response.objects.exists()


def test_a_survey_job_imports_only_enterprises_its_owner_may_survey(world, trainer, data_dir):
    data = kobo_csv(world).replace(world.provided.code.encode(), world.unrelated_cn.code.encode())
    job = _job(trainer, data)
    assert job.status == JobStatus.FAILED and len(job.messages) == 3
    assert not Response.objects.exists()


def test_a_survey_job_of_a_user_who_may_not_enter_surveys_fails(world, sponsor_user, data_dir):
    job = _job(sponsor_user, kobo_csv(world))
    assert job.status == JobStatus.FAILED
    assert "may import survey responses" in job.messages[0]["message"]
    assert not Response.objects.exists()


def test_a_survey_job_runs_in_the_language_of_the_upload(world, coordinator, data_dir):
    from django.utils import translation

    with translation.override("zh-hans"):
        questionnaire = Questionnaire.objects.get(code="WPS")
        upload = SimpleUploadedFile("x.csv", kobo_csv(world, bad=(0, "respondent/sex", "x")))
        job = import_actions.create_survey_csv_job(
            by=coordinator, questionnaire=questionnaire, uploaded=upload
        )
    assert job.parameters["language"] == "zh-hans"
    job = import_actions.run_job(job=job)
    assert job.status == JobStatus.FAILED
    assert "此处不允许使用“x”" in job.messages[0]["message"]


def test_a_file_with_only_its_header_row_is_an_error(world):
    data = kobo_csv(world, rows=0, extra=",,,\r\n")
    result = _import(world, data)
    [problem] = result.problems
    assert "header row but no responses" in problem.message
    assert kobo.file_problems(data) == result.problems  # refused on the upload form too


def test_a_problem_with_the_whole_file_reads_as_a_sentence(world):
    [problem] = _import(world, b"").problems
    assert (problem.row, problem.column) == (None, "")
    assert str(problem) == "The file is empty. Export the data again."


def test_a_survey_job_of_a_file_read_as_gb18030_says_so(world, coordinator, data_dir):
    job = _job(coordinator, kobo_csv(world, encoding="gb18030"))
    assert job.status == JobStatus.DONE
    assert "read as GB18030" in job.summary_text and "CSV UTF-8" in job.summary_text
    utf8 = _job(coordinator, kobo_csv(world).replace(b"uuid-", b"other-"))
    assert "read as" not in utf8.summary_text


def test_a_survey_job_of_a_file_with_only_its_header_fails(world, coordinator, data_dir):
    job = _job(coordinator, kobo_csv(world, rows=0))
    assert job.status == JobStatus.FAILED
    assert [(m["row"], m["column"]) for m in job.messages] == [(None, "")]
    assert "no responses" in job.messages[0]["message"]


def test_the_example_of_the_data_formats_document_imports(world):
    from pathlib import Path

    docs = (Path(__file__).parents[2] / "docs" / "data-formats.md").read_text()
    section = docs.split("## Survey CSV", 1)[1]
    example = section.split("```\n", 2)[1]
    data = example.replace("E-0001", world.provided.code).encode()
    result = _import(world, data)
    assert result.ok, [str(p) for p in result.problems]
    assert result.created == 2
    manager = Response.objects.get(respondent_role="manager")
    assert (manager.sex, manager.wave) == ("male", "endline")
    assert str(manager.submitted_on) == "2024-05-10"
