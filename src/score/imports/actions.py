"""Import and export programme workbooks, and the job rows that track them.

An import reads and checks the whole file first; only when every row of every sheet is
valid does it write, in one transaction, through each app's actions, in dependency
order (workbook.WRITE_ORDER). Any failure while writing rolls everything back.

The same job rows run survey CSV imports (JobKind.SURVEY_CSV) through
score.surveys.kobo.import_csv, which checks and writes them the same all-or-nothing way."""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from score.core.exceptions import ActionError
from score.core.planner import BULK_ROWS, refresh_statistics
from score.imports import delivery, network, writers
from score.imports.models import Job, JobKind, JobStatus
from score.imports.permissions import can_use_workbooks
from score.imports.reader import Problem, read_workbook
from score.imports.workbook import SHEETS_BY_NAME, WRITE_ORDER
from score.imports.writers import Context

CHECKS = {**writers.CHECKS, **delivery.CHECKS, **network.CHECKS}
WRITERS = {**writers.WRITERS, **delivery.WRITERS, **network.WRITERS}
ORDERS = {**delivery.ORDERS, **network.ORDERS}
FINISH_CHECKS = {**delivery.FINISH_CHECKS, **network.FINISH_CHECKS}

Progress = Callable[..., None]


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    total: int = 0
    validated: int = 0
    written: int = 0
    counts: dict = field(default_factory=dict)  # sheet -> {"created": n, ...}
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, outcome: str) -> int:
        return sum(c.get(outcome, 0) for c in self.counts.values())

    def summary(self) -> str:
        if not self.ok:
            return ngettext(
                "The workbook has %(n)s problem, so nothing was imported. Correct it and "
                "import the file again.",
                "The workbook has %(n)s problems, so nothing was imported. Correct them and "
                "import the file again.",
                len(self.problems),
            ) % {"n": len(self.problems)}
        if self.dry_run:
            return _("All %(n)s rows are valid; nothing was written (dry run).") % {"n": self.total}
        return _(
            "Imported %(total)s rows: %(created)s created, %(updated)s updated, %(unchanged)s "
            "unchanged."
        ) % {
            "total": self.total,
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
        }


def _no_progress(**kwargs) -> None:
    return None


def _extra_columns(ctx: Context) -> set[str]:
    return {code for questions in ctx.questionnaires.values() for code in questions}


def _duplicates(rows, sheet) -> list[Problem]:
    problems, seen = [], {}
    for row in rows:
        key = tuple(row.values.get(k) for k in sheet.key)
        if any(part is None for part in key):
            continue
        if key in seen:
            problems.append(
                Problem(
                    _(
                        "This row repeats row %(first)s (same %(key)s); delete one of them or "
                        "correct the %(key)s."
                    )
                    % {"first": seen[key], "key": ", ".join(sheet.key)},
                    sheet.name,
                    row.number,
                    sheet.key[-1],
                )
            )
        else:
            seen[key] = row.number
    return problems


def validate_workbook(*, by, path: Path, name: str = "", progress: Progress = _no_progress):
    """Read and check everything; returns (report, rows by sheet, context)."""
    ctx = Context.for_user(by, file_name=name or path.name)
    read = read_workbook(path, name=name, extra_columns=_extra_columns(ctx))
    report = ImportReport(problems=list(read.problems), total=read.total)
    if not can_use_workbooks(by):
        report.problems.insert(
            0, Problem(_("Only programme admins and country coordinators may import workbooks."))
        )
        return report, read.rows, ctx
    if report.problems and read.total == 0:
        return report, read.rows, ctx
    ctx.rows = read.rows
    writers.canonical_codes(ctx, read.rows)
    for sheet_name in WRITE_ORDER:
        rows = read.rows.get(sheet_name, [])
        sheet = SHEETS_BY_NAME[sheet_name]
        report.problems += _duplicates(rows, sheet)
        for row in rows:
            report.problems += CHECKS[sheet_name](ctx, row)
            report.validated += 1
            if report.validated % 100 == 0:
                progress(validated=report.validated, total=report.total)
        if sheet_name in FINISH_CHECKS:
            report.problems += FINISH_CHECKS[sheet_name](ctx, rows)
    progress(validated=report.validated, total=report.total)
    report.problems.sort(
        key=lambda p: (
            WRITE_ORDER.index(p.sheet) if p.sheet in WRITE_ORDER else -1,
            p.row or 0,
            p.column,
        )
    )
    return report, read.rows, ctx


def _write_problems(error, row) -> list[Problem]:
    """An action's refusal of ``row`` as problems naming its sheet, row and, where the
    refused field is a column of the sheet, that column."""
    sheet = row.sheet if row else ""
    number = row.number if row else None
    columns = set(SHEETS_BY_NAME[sheet].column_names) if sheet in SHEETS_BY_NAME else set()
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            pairs = [
                (field, message)
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        else:
            pairs = [("", message) for message in error.messages]
    else:
        return [Problem(str(error.message), sheet, number, error.field or "")]
    return [
        Problem(message, sheet, number, field if field in columns else "")
        for field, message in pairs
    ]


def import_workbook(
    *, by, path: Path, name: str = "", dry_run: bool = False, progress: Progress = _no_progress
) -> ImportReport:
    """Validate the whole workbook, then (unless ``dry_run``) write it all or nothing."""
    report, rows, ctx = validate_workbook(by=by, path=Path(path), name=name, progress=progress)
    report.dry_run = dry_run
    if not report.ok or dry_run:
        return report
    current = None
    try:
        with transaction.atomic():
            for sheet_name in WRITE_ORDER:
                writer = WRITERS.get(sheet_name)
                counts = report.counts.setdefault(
                    sheet_name, {"created": 0, "updated": 0, "unchanged": 0}
                )
                ordered = rows.get(sheet_name, [])
                if sheet_name in ORDERS:
                    ordered = ORDERS[sheet_name](ctx, ordered)
                for row in ordered:
                    current = row
                    outcome = writer(ctx, row)
                    counts[outcome] += 1
                    report.written += 1
                    if report.written % 100 == 0:
                        progress(written=report.written, total=report.total)
            # Steps that must come after every other row (dropping an enrolment, moving a
            # trainer's recorded status on).
            for row, step in ctx.delivery.deferred:
                current = row
                step()
            if report.written >= BULK_ROWS:
                refresh_statistics()
    except (ActionError, ValidationError) as error:
        report.problems += _write_problems(error, current)
        report.written = 0
        report.counts = {}
        return report
    progress(written=report.written, total=report.total)
    report.counts = {k: v for k, v in report.counts.items() if any(v.values())}
    return report


# Jobs ------------------------------------------------------------------------------------


def jobs_dir() -> Path:
    path = Path(settings.DATA_DIR) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


@transaction.atomic
def create_import_job(*, by, uploaded, dry_run: bool = False) -> Job:
    """Keep the uploaded file beside the job row and queue the import."""
    target = jobs_dir() / f"import-{uuid.uuid4().hex}.xlsx"
    with target.open("wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    job = Job.objects.create(
        kind=JobKind.IMPORT,
        owner=by,
        parameters={"dry_run": dry_run},
        input_file=str(target),
        input_name=Path(uploaded.name).name[:255],
    )
    from score.imports.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


@transaction.atomic
def create_survey_csv_job(*, by, questionnaire, uploaded) -> Job:
    """Keep an uploaded KoboToolbox / ODK CSV beside a new job row and queue its import
    into ``questionnaire`` (kobo.import_csv, as ``by``, for the enterprises ``by`` may
    enter surveys for)."""
    target = jobs_dir() / f"survey-{uuid.uuid4().hex}.csv"
    with target.open("wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    job = Job.objects.create(
        kind=JobKind.SURVEY_CSV,
        owner=by,
        parameters={
            "questionnaire": questionnaire.code,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        },
        input_file=str(target),
        input_name=Path(uploaded.name).name[:255],
    )
    from score.imports.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


@transaction.atomic
def create_export_job(*, by, programme_code: str = "") -> Job:
    job = Job.objects.create(
        kind=JobKind.EXPORT, owner=by, parameters={"programme": programme_code}
    )
    from score.imports.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def _save_progress(job: Job):
    def progress(*, total=None, validated=None, written=None):
        fields = {}
        if total is not None:
            fields["rows_total"] = total
        if validated is not None:
            fields["rows_validated"] = validated
        if written is not None:
            fields["rows_written"] = written
        # A queryset update, so polling pages see it while the job runs.
        Job.objects.filter(pk=job.pk).update(**fields)

    return progress


def _failure(message: str) -> list[dict]:
    return [{"sheet": "", "row": None, "column": "", "message": str(message)}]


def _run_survey_csv(job: Job) -> None:
    """Import the job's survey CSV with kobo.import_csv; fill in the job's outcome."""
    from score.accounts.scopes import enterprises_surveyable_by
    from score.surveys import kobo
    from score.surveys import queries as survey_queries
    from score.surveys.models import Questionnaire
    from score.surveys.permissions import can_enter_responses

    job.status = JobStatus.FAILED
    code = str(job.parameters.get("questionnaire") or "")
    if job.owner is None or not can_enter_responses(job.owner):
        job.messages = _failure(_("Only users who may enter surveys may import survey responses."))
        return
    try:
        questionnaire = survey_queries.questionnaire_detail(code)
    except Questionnaire.DoesNotExist:
        job.messages = _failure(
            _("The questionnaire %(code)s no longer exists; nothing was imported.") % {"code": code}
        )
        return
    result = kobo.import_csv(
        by=job.owner,
        questionnaire=questionnaire,
        data=Path(job.input_file).read_bytes(),
        filename=job.input_name,
        enterprises=enterprises_surveyable_by(job.owner),
        progress=_save_progress(job),
    )
    job.refresh_from_db()
    job.messages = [
        {"sheet": "", "row": p.row, "column": p.column, "message": str(p.message)}
        for p in result.problems
    ]
    job.rows_total = result.total
    job.rows_validated = result.validated
    job.rows_written = result.created
    if result.ok:
        text = _(
            "%(created)d responses were imported; %(skipped)d were already here and were "
            "left as they were."
        ) % {"created": result.created, "skipped": result.skipped}
        if result.encoding and not result.encoding.startswith("UTF-8"):
            # Not UTF-8: read as the Chinese Excel encoding, which also "reads" other
            # encodings' bytes, so say so (every value was still matched to a list).
            text += " " + _(
                "The file was read as %(encoding)s (Chinese Excel). If it was saved in another "
                "encoding, save it as “CSV UTF-8” and import it again."
            ) % {"encoding": result.encoding}
    else:
        text = ngettext(
            "Nothing was imported: the file has %(n)s problem. Correct it and upload the "
            "file again.",
            "Nothing was imported: the file has %(n)s problems. Correct them and upload the "
            "file again.",
            len(result.problems),
        ) % {"n": len(result.problems)}
    job.summary = {
        "text": str(text),
        "questionnaire": questionnaire.code,
        "created": result.created,
        "skipped": result.skipped,
        "encoding": result.encoding,
        "delimiter": result.delimiter,
    }
    job.status = JobStatus.DONE if result.ok else JobStatus.FAILED


def run_job(*, job: Job) -> Job:
    """Run a queued job to done or failed; called by the task and by tests."""
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    job.refresh_from_db()
    try:
        if job.kind == JobKind.SURVEY_CSV:
            with translation.override(job.parameters.get("language") or settings.LANGUAGE_CODE):
                _run_survey_csv(job)
        elif job.kind == JobKind.IMPORT:
            report = import_workbook(
                by=job.owner,
                path=Path(job.input_file),
                name=job.input_name,
                dry_run=bool(job.parameters.get("dry_run")),
                progress=_save_progress(job),
            )
            job.refresh_from_db()
            job.messages = [p.as_dict() for p in report.problems]
            job.summary = {
                "text": str(report.summary()),
                "counts": report.counts,
                "dry_run": report.dry_run,
            }
            job.rows_total = report.total
            job.rows_validated = report.validated
            job.rows_written = report.written
            job.status = JobStatus.DONE if report.ok else JobStatus.FAILED
        else:
            from score.imports.exporter import export_workbook

            target = jobs_dir() / f"export-{uuid.uuid4().hex}.xlsx"
            counts = export_workbook(
                by=job.owner, path=target, programme_code=job.parameters.get("programme") or ""
            )
            job.output_file = str(target)
            job.rows_total = job.rows_written = sum(counts.values())
            job.summary = {
                "text": str(_("Exported %(n)s rows.") % {"n": sum(counts.values())}),
                "counts": counts,
            }
            job.status = JobStatus.DONE
    except Exception as error:
        job.status = JobStatus.FAILED
        job.messages = [
            {
                "sheet": "",
                "row": None,
                "column": "",
                "message": str(
                    _("The job stopped on an unexpected error: %(e)s. Tell your administrator.")
                    % {"e": error}
                ),
            }
        ]
    job.finished_at = timezone.now()
    job.save()
    return job


def remove_old_job_files(*, older_than_days: int = 30) -> int:
    """Delete uploaded and exported files of old jobs (the rows stay)."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    removed = 0
    for job in Job.objects.filter(finished_at__lt=cutoff):
        for name in (job.input_file, job.output_file):
            if name and Path(name).exists():
                Path(name).unlink()
                removed += 1
    return removed


def command_line_user(email: str = ""):
    """The user a command-line import or export acts as: the one with ``email``, or the
    operator of the machine, who sees everything (audit rows then name no user)."""
    from django.contrib.auth import get_user_model

    from score.accounts.models import Role
    from score.accounts.scopes import Scope

    User = get_user_model()
    if email:
        try:
            return User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            raise ActionError(_("There is no user with the e-mail %(e)s.") % {"e": email}) from None
    operator = User(is_superuser=True, is_active=True)
    operator._score_scope = Scope(is_admin=True, roles=frozenset({Role.PROGRAMME_ADMIN}))
    return operator
