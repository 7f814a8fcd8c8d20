"""The delivery sheets of the workbook: Enrolments, Sessions, Attendance and Visits."""

import datetime
from decimal import Decimal

import pytest

from score.counselling.models import Visit
from score.imports.actions import command_line_user, import_workbook
from score.imports.exporter import export_rows
from score.training.models import Attendance, ClassroomSession, Enrolment, Participant
from tests.imports import corpus
from tests.imports.helpers import counts

d = datetime.date


def _import(path, user=None, **kwargs):
    return import_workbook(by=user or command_line_user(), path=path, **kwargs)


def _messages(report) -> str:
    return "\n".join(str(p) for p in report.problems)


def _write(tmp_path, sheets, name="delivery.xlsx"):
    return corpus.write_xlsx(tmp_path / name, sheets)


def test_delivery_sheets_create_enrolments_classes_attendance_and_visits(world, trainer, tmp_path):
    report = _import(corpus.delivery_workbook(tmp_path, trainer.email))
    assert report.ok, _messages(report)
    first = Enrolment.objects.get(enterprise__code="E-NEW1", module__code="WC")
    assert first.status == "completed"
    assert (first.baseline_on, first.classroom_on, first.completed_on) == (
        d(2024, 1, 20),
        d(2024, 2, 2),
        d(2024, 5, 1),
    )
    assert first.provider.name == "Hangzhou BDS" and first.trainer == trainer
    session = ClassroomSession.objects.get(code="CN-P2-WC-01")
    assert [day.date for day in session.days.all()] == [d(2024, 2, 1), d(2024, 2, 2)]
    assert {e.enterprise.code for e in session.enrolments.all()} == {"E-NEW1", "E-NEW2"}
    assert list(session.trainers.all()) == [trainer]
    assert Participant.objects.filter(session=session).count() == 2
    present = set(
        Attendance.objects.filter(participant__session=session, present=True).values_list(
            "participant__person__code", "day__date"
        )
    )
    assert present == {("P1", d(2024, 2, 1)), ("P2", d(2024, 2, 1)), ("P2", d(2024, 2, 2))}
    visits = Visit.objects.filter(enrolment=first).order_by("kind", "sequence")
    assert [(v.kind, v.sequence, v.hours) for v in visits] == [
        ("baseline", 1, Decimal("3.5")),
        ("follow_up", 1, Decimal("4")),
        ("follow_up", 2, Decimal("2.5")),
    ]
    assert Visit.objects.get(enrolment=first, kind="follow_up", sequence=1).eit_took_part


def test_done_baseline_visit_moves_the_enrolment_like_the_visits_page(world, trainer, tmp_path):
    assert _import(corpus.delivery_workbook(tmp_path, trainer.email)).ok
    second = Enrolment.objects.get(enterprise__code="E-NEW2", module__code="WC")
    assert second.status == "baseline_done" and second.baseline_on == d(2024, 1, 25)
    planned = Visit.objects.get(enrolment=second, kind="follow_up")
    assert planned.status == "planned" and planned.done_on is None


def test_second_import_of_the_delivery_sheets_changes_nothing(world, trainer, tmp_path):
    path = corpus.delivery_workbook(tmp_path, trainer.email)
    assert _import(path).ok
    before = counts()
    report = _import(path)
    assert report.ok, _messages(report)
    assert counts() == before
    assert report.count("unchanged") == report.total


def test_changed_attendance_and_visit_are_updated(world, trainer, tmp_path):
    assert _import(corpus.delivery_workbook(tmp_path, trainer.email)).ok
    sheets = corpus.delivery_sheets(trainer.email)
    sheets["Attendance"][2][4] = "yes"  # P1 on the second day
    sheets["Visits"][2][10] = "Team meets weekly; suggestion box in place"
    report = _import(_write(tmp_path, sheets, "changed.xlsx"))
    assert report.ok, _messages(report)
    assert report.counts["Attendance"] == {"created": 0, "updated": 1, "unchanged": 3}
    assert report.counts["Visits"] == {"created": 0, "updated": 1, "unchanged": 4}
    assert Attendance.objects.get(participant__person__code="P1", day__date=d(2024, 2, 2)).present
    assert Visit.objects.filter(findings__contains="suggestion box").count() == 1


def test_planned_visit_becomes_done_when_the_workbook_says_so(world, trainer, tmp_path):
    assert _import(corpus.delivery_workbook(tmp_path, trainer.email)).ok
    sheets = corpus.delivery_sheets(trainer.email)
    sheets["Enrolments"][2][6:8] = ["2024-01-25", "2024-02-02"]
    sheets["Visits"][5][5:8] = ["done", "2024-03-10", 2]
    report = _import(_write(tmp_path, sheets, "done.xlsx"))
    assert report.ok, _messages(report)
    visit = Visit.objects.get(enrolment__enterprise__code="E-NEW2", kind="follow_up")
    assert (visit.status, visit.done_on, visit.hours) == ("done", d(2024, 3, 10), 2)
    assert Visit.objects.filter(enrolment__enterprise__code="E-NEW2").count() == 2


def test_dropped_enrolment_keeps_its_class_and_visits(world, trainer, tmp_path):
    sheets = corpus.delivery_sheets(trainer.email)
    sheets["Enrolments"][2][10:12] = ["2024-06-01", "Closed the factory"]
    report = _import(_write(tmp_path, sheets))
    assert report.ok, _messages(report)
    second = Enrolment.objects.get(enterprise__code="E-NEW2")
    assert second.status == "dropped" and second.dropped_reason == "Closed the factory"
    assert second.sessions.count() == 1 and second.visits.count() == 2
    assert _import(tmp_path / "delivery.xlsx").count("unchanged") == report.total


# Bad rows: each gives its error (sheet, row, column, what to do) and writes nothing.


def _bad(sheets):
    sheets["Attendance"][1][0] = "CN-P2-WC-99"


def _person_not_in_people(sheets):
    sheets["Attendance"][1][2] = "P7"


def _not_a_class_day(sheets):
    sheets["Attendance"][1][3] = "2024-02-05"


def _visit_before_programme(sheets):
    sheets["Enrolments"][1][3] = "2023-11-01"
    sheets["Visits"][1][6] = "2023-12-01"
    sheets["Enrolments"][1][6] = "2023-12-01"


def _classroom_without_baseline(sheets):
    sheets["Enrolments"][2][7] = "2024-02-02"


def _unknown_trainer(sheets):
    sheets["Visits"][4][8] = "nobody@example.org"


def _sequence_gap(sheets):
    sheets["Visits"][3][4] = 3


def _follow_up_before_classroom(sheets):
    sheets["Visits"].append(
        ["E-NEW2", "CN-P2", "WC", "follow_up", 2, "done", "2024-03-01", 2, "{trainer}"]
    )


def _session_enterprise_not_enrolled(sheets):
    sheets["Sessions"][1][12] = "E-NEW1;E-NEW2;" + "E-OTHER"
    sheets["Enterprises"].append(["E-OTHER", "Other", "CN", "", "C", 1, 1, "", "CN-P2"])


def _done_without_hours(sheets):
    sheets["Visits"][2][7] = None


def _planned_in_the_past(sheets):
    sheets["Visits"][5][6] = "2024-06-01"


def _unknown_module(sheets):
    sheets["Enrolments"][2][2] = "WCC"


def _online_without_link(sheets):
    sheets["Sessions"][1][7] = "yes"


@pytest.mark.parametrize(
    "change, expected",
    [
        (_bad, ("Attendance", 2, "session_code", "no class CN-P2-WC-99")),
        (_person_not_in_people, ("Attendance", 2, "person_code", "no person P7 on the People")),
        (_not_a_class_day, ("Attendance", 2, "date", "not a day of the class")),
        (_visit_before_programme, ("Visits", 2, "date", "outside the programme CN-P2")),
        (_classroom_without_baseline, ("Enrolments", 3, "baseline_on", "no baseline visit")),
        (_unknown_trainer, ("Visits", 5, "trainer", "No user has the e-mail nobody@")),
        (_sequence_gap, ("Visits", 4, "sequence", "next follow_up visit of this enrolment is")),
        (_follow_up_before_classroom, ("Visits", 7, "type", "after the classroom training")),
        (
            _session_enterprise_not_enrolled,
            ("Sessions", 2, "enterprises", "E-OTHER is not enrolled"),
        ),
        (_done_without_hours, ("Visits", 3, "hours", "needs its hours")),
        (_planned_in_the_past, ("Visits", 6, "date", "has passed")),
        (_unknown_module, ("Enrolments", 3, "module", "did you mean WC")),
        (_online_without_link, ("Sessions", 2, "online_link", "link participants use")),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_bad_delivery_row_gives_its_error_and_writes_nothing(
    world, trainer, tmp_path, change, expected
):
    sheets = corpus.delivery_sheets(trainer.email)
    change(sheets)
    for rows in sheets.values():
        for row in rows:
            row[:] = [trainer.email if cell == "{trainer}" else cell for cell in row]
    before = counts()
    report = _import(_write(tmp_path, sheets, "bad.xlsx"))
    assert not report.ok
    assert counts() == before
    found = [(p.sheet, p.row, p.column, p.message) for p in report.problems]
    sheet, row, column, text = expected
    assert [(s, r, c) for s, r, c, m in found if text in m] == [(sheet, row, column)], found


def test_enrolment_refused_by_an_action_names_its_row_and_writes_nothing(world, trainer, tmp_path):
    sheets = corpus.delivery_sheets(trainer.email)
    # A second module needs the Workplace Cooperation baseline, which E-NEW2 gets only from
    # the Visits sheet, after the enrolments: the action refuses and names the row.
    sheets["Enrolments"].append(["E-NEW2", "CN-P2", "QM", "2024-01-12", None, None, *[None] * 6])
    before = counts()
    report = _import(_write(tmp_path, sheets, "refused.xlsx"))
    assert counts() == before
    [problem] = report.problems
    assert (problem.sheet, problem.row) == ("Enrolments", 4)
    assert "record its baseline visit first" in problem.message


def test_coordinator_export_holds_the_delivery_of_their_country_only(
    world, trainer, coordinator, tmp_path
):
    assert _import(corpus.delivery_workbook(tmp_path, trainer.email)).ok
    rows = export_rows(by=coordinator)
    assert {r[0] for r in rows["Sessions"]} == {"CN-P2-WC-01"}
    assert len(rows["Attendance"]) == 4 and len(rows["Visits"]) == 5
    assert len(rows["Enrolments"]) == 2
    assert export_rows(by=coordinator, programme_code="VN-P1")["Visits"] == []


def test_export_costs_the_same_queries_for_one_class_or_many(
    world, trainer, tmp_path, django_assert_max_num_queries
):
    import django.db

    from score.imports.exporter import export_rows as rows_of

    assert _import(corpus.delivery_workbook(tmp_path, trainer.email)).ok
    by = command_line_user()
    with django.test.utils.CaptureQueriesContext(django.db.connection) as small:
        rows_of(by=by)
    sheets = corpus.delivery_sheets(trainer.email)
    for n in range(2, 6):
        row = list(sheets["Sessions"][1])
        row[0], row[4], row[5] = f"CN-P2-WC-0{n}", f"2024-02-0{n + 2}", f"2024-02-0{n + 2}"
        sheets["Sessions"].append(row)
        for person in ("P1", "P2"):
            sheets["Attendance"].append([row[0], "E-NEW1", person, row[4], "yes"])
    report = _import(_write(tmp_path, sheets, "many.xlsx"))
    assert report.ok, _messages(report)
    with django_assert_max_num_queries(len(small.captured_queries)):
        many = rows_of(by=by)
    assert len(many["Sessions"]) == 5 and len(many["Attendance"]) == 12


def test_class_without_a_code_is_exported_as_score_id_and_matched_back(world, trainer, tmp_path):
    from score.imports.exporter import export_workbook

    sheets = corpus.delivery_sheets(trainer.email)
    sheets["Attendance"] = [sheets["Attendance"][0]]
    assert _import(_write(tmp_path, sheets)).ok
    ClassroomSession.objects.filter(code="CN-P2-WC-01").update(code="")
    session = ClassroomSession.objects.get()
    by = command_line_user()
    assert [r[0] for r in export_rows(by=by)["Sessions"]] == [f"score-{session.pk}"]
    path = tmp_path / "export.xlsx"
    export_workbook(by=by, path=path)
    before = counts()
    report = _import(path)
    assert report.ok, _messages(report)
    assert report.counts["Sessions"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert counts() == before


def test_coordinator_cannot_import_visits_for_another_countrys_programme(
    world, trainer, coordinator, tmp_path
):
    sheets = corpus.delivery_sheets(trainer.email)
    sheets["Visits"][1][1] = "VN-P1"
    before = counts()
    report = _import(_write(tmp_path, sheets), user=coordinator)
    assert counts() == before
    found = [(p.sheet, p.row, p.column) for p in report.problems]
    assert ("Visits", 2, "programme_code") in found
