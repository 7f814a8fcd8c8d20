"""Import submissions exported as CSV from KoboToolbox or ODK Central.

Columns are the XLSForm names (``xlsform.py``), possibly prefixed by their group
("respondent/sex", ODK's "respondent-sex"). The whole file is checked first: if any row
has a problem nothing is written, and each problem names the row, the column and the fix.
Rows are matched by KoboToolbox's ``_uuid`` or ODK's instanceID, so importing the same file
again creates nothing.

On the site the import runs as a background job (score.imports, kind "survey"), which
passes ``progress`` to record how many rows were checked and written."""

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from score.core.exceptions import ActionError
from score.enterprises.models import Participation
from score.surveys import actions
from score.surveys.models import (
    Questionnaire,
    RespondentRole,
    Response,
    Sex,
    Source,
    TenureBand,
    Wave,
)
from score.training.models import ClassroomSession

ENCODINGS = [("utf-8-sig", "UTF-8 (with or without BOM)"), ("gb18030", "GB18030")]
ID_COLUMNS = ["_uuid", "instanceid", "key", "_id"]
DATE_COLUMNS = ["_submission_time", "submissiondate", "end", "today", "submitted_on"]
REQUIRED = ["enterprise", "wave", "respondent_role", "sex", "tenure_band"]
PROGRESS_EVERY = 100  # rows between two progress reports
NOT_CSV_SIGNATURES = {
    b"PK\x03\x04": gettext_lazy("an Excel workbook or zip archive"),
    b"\xd0\xcf\x11\xe0": gettext_lazy("an old Excel workbook"),
    b"%PDF": gettext_lazy("a PDF document"),
    b"\x89PNG": gettext_lazy("an image"),
    b"\xff\xd8\xff": gettext_lazy("an image"),
}


@dataclass
class ImportProblem:
    row: int | None
    column: str
    message: str

    def __str__(self):
        if self.row is None and not self.column:  # about the whole file
            return str(self.message)
        if self.row is None:
            return _("Column %(col)s: %(msg)s") % {"col": self.column, "msg": self.message}
        return _("Row %(row)d, column %(col)s: %(msg)s") % {
            "row": self.row,
            "col": self.column or "—",
            "msg": self.message,
        }


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0
    total: int = 0  # data rows in the file (blank rows not counted)
    validated: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ","

    @property
    def ok(self) -> bool:
        return not self.problems


Progress = Callable[..., None]


def _no_progress(**kwargs) -> None:
    return None


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a choice's value or its label in English or Chinese, case-insensitively."""
    lookup = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).strip().lower()] = value
    for value in choices.values:
        lookup[value.lower()] = value
    return lookup


def _decode(data: bytes) -> tuple[str, str] | ImportProblem:
    head = data[:8]
    for signature, what in NOT_CSV_SIGNATURES.items():
        if head.startswith(signature):
            return ImportProblem(
                None,
                "",
                _(
                    "This is %(what)s, not a CSV file. Download the data from KoboToolbox or ODK "
                    "Central as CSV and upload that file."
                )
                % {"what": what},
            )
    if b"\x00" in data[:4096]:
        return ImportProblem(
            None,
            "",
            _("This file is not text, so it is not a CSV file. Upload the CSV export."),
        )
    for encoding, name in ENCODINGS:
        try:
            return data.decode(encoding), name
        except UnicodeDecodeError:
            continue
    return ImportProblem(
        None,
        "",
        _("The file could not be read as text: tried %(tried)s. Save it again as “CSV UTF-8”.")
        % {"tried": _(" and ").join(name for _enc, name in ENCODINGS)},
    )


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _canonical(header: str, known: dict[str, str]) -> str | None:
    """The XLSForm name a column stands for, ignoring group prefixes and case."""
    name = header.strip().lower()
    for candidate in (name, re.split(r"[/:]", name)[-1], name.rsplit("-", 1)[-1]):
        if candidate in known:
            return known[candidate]
    return None


def _parse_date(value: str) -> datetime.date | None:
    match = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None


def file_problems(data: bytes) -> list[ImportProblem]:
    """What makes ``data`` unreadable as a CSV at all (empty, not text, not CSV, no
    header), before any row is looked at; an empty list if it can be read."""
    result = ImportResult()
    read_rows(None, data, result)
    return result.problems


def read_rows(questionnaire: Questionnaire | None, data: bytes, result: ImportResult):
    """Decode and split the file; returns (header map, rows) or records a problem."""
    if not data.strip():
        result.problems.append(
            ImportProblem(None, "", _("The file is empty. Export the data again."))
        )
        return None, []
    decoded = _decode(data)
    if isinstance(decoded, ImportProblem):
        result.problems.append(decoded)
        return None, []
    text, result.encoding = decoded
    result.delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=result.delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        result.problems.append(
            ImportProblem(None, "", _("The file is not valid CSV: %(e)s.") % {"e": error})
        )
        return None, []
    if not rows or not any(cell.strip() for cell in rows[0]):
        result.problems.append(
            ImportProblem(None, "", _("The file has no header row. Export it again."))
        )
        return None, []
    if not any(cell.strip() for row in rows[1:] for cell in row):
        result.problems.append(
            ImportProblem(
                None,
                "",
                _(
                    "The file has a header row but no responses below it, so there is nothing "
                    "to import. Export the data again with its submissions (check that the "
                    "export is not filtered to a period without any)."
                ),
            )
        )
        return None, []
    return rows[0], rows[1:]


def import_csv(
    *,
    by,
    questionnaire: Questionnaire,
    data: bytes,
    filename: str,
    enterprises,
    progress: Progress = _no_progress,
) -> ImportResult:
    """Check every row of the file, then record all new responses or none.

    ``progress`` is called now and then with ``total=``, ``validated=`` and ``written=``
    (row counts), so that a job page can show how far the import got."""
    result = ImportResult()
    header, rows = read_rows(questionnaire, data, result)
    if header is None:
        return result
    result.total = sum(1 for row in rows if any(cell.strip() for cell in row))
    progress(total=result.total, validated=0, written=0)
    questions = {q.code: q for q in questionnaire.questions.all()}
    known = {name: name for name in [*REQUIRED, "programme", "session"]}
    known.update({code.lower(): code for code in questions})
    known.update({name: f"_id_{name}" for name in ID_COLUMNS})
    known.update({name: f"_date_{name}" for name in DATE_COLUMNS})
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        name = _canonical(title, known)
        if name and name not in columns:
            columns[name] = index
    # Of several id or date columns, the first in order of preference.
    for prefix, names in (("_id_", ID_COLUMNS), ("_date_", DATE_COLUMNS)):
        found = [columns[f"{prefix}{n}"] for n in names if f"{prefix}{n}" in columns]
        if found:
            columns[prefix] = found[0]
    for name in REQUIRED:
        if name not in columns:
            result.problems.append(
                ImportProblem(
                    1,
                    name,
                    _(
                        "The column is missing. Export with “XML values and headers” from the "
                        "form made by this site's XLSForm download."
                    ),
                )
            )
    if "_id_" not in columns:
        result.problems.append(
            ImportProblem(
                1,
                "_uuid",
                _(
                    "Add KoboToolbox's _uuid or ODK's meta/instanceID column, so that importing "
                    "the file again does not count responses twice."
                ),
            )
        )
    answered = [code for code in questions if code in columns]
    if not answered:
        result.problems.append(
            ImportProblem(
                1,
                ", ".join(questions),
                _("None of the questionnaire's questions is a column; is this the export of %(q)s?")
                % {"q": questionnaire.code},
            )
        )
    if result.problems:
        return result

    enterprise_by_code = {e.code.lower(): e for e in enterprises}
    programmes_of: dict[int, dict[str, object]] = {}
    for participation in Participation.objects.filter(
        enterprise__in=list(enterprise_by_code.values())
    ).select_related("programme"):
        programmes_of.setdefault(participation.enterprise_id, {})[
            participation.programme.code.lower()
        ] = participation.programme
    session_codes = {
        row[columns["session"]].strip()
        for row in rows
        if "session" in columns
        and len(row) > columns["session"]
        and row[columns["session"]].strip()
    }
    sessions = {s.code: s for s in ClassroomSession.objects.filter(code__in=session_codes)}
    ids = {
        row[columns["_id_"]].strip().removeprefix("uuid:")
        for row in rows
        if len(row) > columns["_id_"]
    }
    existing = set(
        Response.objects.filter(questionnaire=questionnaire, external_id__in=ids).values_list(
            "external_id", flat=True
        )
    )
    lookups = {
        "wave": _choice_lookup(Wave),
        "respondent_role": _choice_lookup(RespondentRole),
        "sex": _choice_lookup(Sex),
        "tenure_band": _choice_lookup(TenureBand),
    }
    question_lookups = {code: _choice_lookup(q.choices) for code, q in questions.items()}
    seen: dict[str, int] = {}
    valid = []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        result.validated += 1
        if result.validated % PROGRESS_EVERY == 0:
            progress(validated=result.validated)
        problems = result.problems

        def cell(name, row=row):
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        external_id = cell("_id_").removeprefix("uuid:")
        id_column = header[columns["_id_"]]
        if not external_id:
            problems.append(
                ImportProblem(number, id_column, _("The id is empty; keep the column as exported."))
            )
        elif external_id in seen:
            problems.append(
                ImportProblem(
                    number,
                    id_column,
                    _("The same response is already in row %(row)d; delete one of them.")
                    % {"row": seen[external_id]},
                )
            )
            continue
        else:
            seen[external_id] = number
        if external_id in existing:
            result.skipped += 1
            continue
        values = {}
        code = cell("enterprise")
        enterprise = enterprise_by_code.get(code.lower())
        if enterprise is None:
            problems.append(
                ImportProblem(
                    number,
                    header[columns["enterprise"]],
                    _(
                        "“%(code)s” is not the code of an enterprise you may enter surveys for; "
                        "use its code as on its page, e.g. %(example)s."
                    )
                    % {"code": code, "example": next(iter(enterprise_by_code), "E00001").upper()},
                )
            )
        for name in ("wave", "respondent_role", "sex", "tenure_band"):
            raw = cell(name)
            value = lookups[name].get(raw.lower())
            if name == "wave" and value and value not in questionnaire.waves:
                value = None
            if value is None:
                allowed = (
                    questionnaire.waves
                    if name == "wave"
                    else list(dict.fromkeys(lookups[name].values()))
                )
                problems.append(
                    ImportProblem(
                        number,
                        header[columns[name]],
                        _("“%(value)s” is not allowed here; use one of %(allowed)s.")
                        % {"value": raw, "allowed": ", ".join(allowed)},
                    )
                )
            values[name] = value
        programme = None
        programme_code = cell("programme")
        if enterprise is not None:
            own = programmes_of.get(enterprise.pk, {})
            if programme_code:
                programme = own.get(programme_code.lower())
                if programme is None:
                    problems.append(
                        ImportProblem(
                            number,
                            header[columns["programme"]],
                            _("%(ent)s does not take part in “%(code)s”; use one of %(own)s.")
                            % {
                                "ent": enterprise.code,
                                "code": programme_code,
                                "own": ", ".join(p.code for p in own.values()) or "—",
                            },
                        )
                    )
            elif len(own) == 1:
                programme = next(iter(own.values()))
            else:
                problems.append(
                    ImportProblem(
                        number,
                        "programme",
                        _(
                            "%(ent)s takes part in %(count)d programmes; add a programme column "
                            "with the programme code."
                        )
                        % {"ent": enterprise.code, "count": len(own)},
                    )
                )
        session = None
        if cell("session"):
            session = sessions.get(cell("session"))
            if session is None:
                problems.append(
                    ImportProblem(
                        number,
                        header[columns["session"]],
                        _(
                            "No classroom session has the code “%(code)s”; leave it empty or use "
                            "the code shown on the session's page."
                        )
                        % {"code": cell("session")},
                    )
                )
        submitted_on = None
        if "_date_" in columns and cell("_date_"):
            submitted_on = _parse_date(cell("_date_"))
            if submitted_on is None:
                problems.append(
                    ImportProblem(
                        number,
                        header[columns["_date_"]],
                        _("“%(value)s” is not a date; write it as YYYY-MM-DD.")
                        % {"value": cell("_date_")},
                    )
                )
        answers = {}
        for code in answered:
            raw = cell(code)
            if not raw:
                continue
            value = question_lookups[code].get(raw.lower())
            if value is None:
                problems.append(
                    ImportProblem(
                        number,
                        header[columns[code]],
                        _("“%(value)s” is not an answer to this question; use one of %(allowed)s.")
                        % {"value": raw, "allowed": ", ".join(questions[code].choices.values)},
                    )
                )
            answers[code] = value
        if not any(answers.values()):
            problems.append(ImportProblem(number, "", _("The row answers no question; delete it.")))
        valid.append(
            (number, external_id, enterprise, programme, session, submitted_on, values, answers)
        )
    progress(validated=result.validated)
    if result.problems:
        return result
    with transaction.atomic():
        _write(by, questionnaire, filename, valid, result, progress)
        if result.problems:
            transaction.set_rollback(True)
    if result.problems:
        result.created = 0
        return result
    progress(written=result.created)
    return result


def _write(by, questionnaire, filename, valid, result: ImportResult, progress: Progress) -> None:
    """Record the checked rows; a refused one is added to ``result.problems``."""
    for number, external_id, enterprise, programme, session, submitted_on, values, answers in valid:
        try:
            actions.record_response(
                by=by,
                questionnaire=questionnaire,
                enterprise=enterprise,
                programme=programme,
                wave=values["wave"],
                role=values["respondent_role"],
                sex=values["sex"],
                tenure_band=values["tenure_band"],
                answers=answers,
                session=session,
                submitted_on=submitted_on,
                source=Source.KOBO,
                source_file=filename,
                source_row=number,
                external_id=external_id,
            )
        except ActionError as error:
            result.problems.append(ImportProblem(number, error.field or "", error.message))
            continue
        result.created += 1
        if result.created % PROGRESS_EVERY == 0:
            progress(written=result.created)
