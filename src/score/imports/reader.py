"""Read a workbook file into typed rows, collecting every problem instead of stopping.

Checks, in order: the file is not empty, not over SCORE_MAX_IMPORT_MB, is an xlsx (zip
signature, not only the extension), has known sheets with known columns; then each cell
is converted to its column's type. References between rows are checked in actions."""

import datetime
import difflib
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from score.imports.workbook import (
    BOOL,
    CHOICE,
    CODE,
    DATE,
    DECIMAL,
    IGNORED_SHEETS,
    INT,
    LIST,
    SHEETS_BY_NAME,
    Sheet,
)

ZIP_SIGNATURE = b"PK\x03\x04"


@dataclass(frozen=True)
class Problem:
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(_("sheet %(s)s") % {"s": self.sheet})
        if self.row:
            where.append(_("row %(r)s") % {"r": self.row})
        if self.column:
            where.append(_("column %(c)s") % {"c": self.column})
        return f"{', '.join(where)}: {self.message}" if where else str(self.message)

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": str(self.message),
        }


@dataclass
class Row:
    sheet: str
    number: int  # as Excel shows it
    values: dict
    extra: dict = field(default_factory=dict)  # open columns (question codes)


@dataclass
class ReadResult:
    rows: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(r) for r in self.rows.values())


def max_bytes() -> int:
    return int(getattr(settings, "SCORE_MAX_IMPORT_MB", 20)) * 1024 * 1024


def check_file(path: Path, name: str = "") -> Problem | None:
    """The reason this file cannot be read as a workbook at all, or None."""
    with Path(path).open("rb") as fh:
        return check_stream(fh, size=Path(path).stat().st_size, name=name or Path(path).name)


def check_upload(uploaded) -> Problem | None:
    """The same for an uploaded file, before it is kept or queued as a job."""
    uploaded.seek(0)
    try:
        return check_stream(uploaded, size=uploaded.size, name=Path(uploaded.name).name)
    finally:
        uploaded.seek(0)


def check_stream(fh, *, size: int, name: str) -> Problem | None:
    """Why the binary file ``fh`` (of ``size`` bytes, called ``name``) is not a readable
    workbook: empty, too big, not a zip (CSV, old .xls …), or a zip without a workbook."""
    if size == 0:
        return Problem(
            _("The file %(name)s is empty. Choose the filled-in workbook.") % {"name": name}
        )
    limit = int(getattr(settings, "SCORE_MAX_IMPORT_MB", 20))
    if size > max_bytes():
        return Problem(
            _(
                "The file %(name)s is %(size).1f MB, over the limit of %(limit)s MB. Split it "
                "into several workbooks, e.g. one per programme."
            )
            % {"name": name, "size": size / 1024 / 1024, "limit": limit}
        )
    head = fh.read(4)
    fh.seek(0)
    if head != ZIP_SIGNATURE:
        if name.lower().endswith((".csv", ".txt")):
            return Problem(
                _(
                    "%(name)s is a CSV file; the programme workbook is imported only as an "
                    "Excel workbook (.xlsx). Open it in a spreadsheet program and save it as "
                    "Excel Workbook (.xlsx), or paste it into the sheet of the template."
                )
                % {"name": name}
            )
        if name.lower().endswith(".xls"):
            return Problem(
                _(
                    "%(name)s is an old Excel 97-2003 file (.xls). Save it as Excel Workbook "
                    "(.xlsx) and import that."
                )
                % {"name": name}
            )
        return Problem(
            _(
                "%(name)s is not an Excel workbook (.xlsx). Download the template with "
                '"Download the template", fill it in and import that.'
            )
            % {"name": name}
        )
    damaged = Problem(_("%(name)s is damaged: it cannot be opened as a workbook.") % {"name": name})
    if not zipfile.is_zipfile(fh):
        return damaged
    fh.seek(0)
    try:
        with zipfile.ZipFile(fh) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return damaged
    finally:
        fh.seek(0)
    if "xl/workbook.xml" not in names:
        return Problem(
            _(
                "%(name)s is a zip file but not an Excel workbook (.xlsx). Save the "
                "spreadsheet as Excel Workbook (.xlsx)."
            )
            % {"name": name}
        )
    return None


def closest(name: str, candidates) -> str:
    """The candidate most like ``name`` (case aside), or "" when none is close."""
    lowered = {}
    for candidate in candidates:
        lowered.setdefault(str(candidate).lower(), candidate)
    match = difflib.get_close_matches(str(name).lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else ""


def canonical(value: str, codes) -> str:
    """``value`` spelt as the one code among ``codes`` that equals it case aside (so
    Units_Produced is units_produced and wc is WC); ``value`` itself if none or several."""
    if value in codes:
        return value
    matches = [code for code in codes if code.lower() == value.lower()]
    return matches[0] if len(matches) == 1 else value


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(value) -> datetime.date:
    """An Excel date, or text as YYYY-MM-DD, YYYY/MM/DD or DD/MM/YYYY (day first). A
    day-first date whose day is 12 or less could be read month-first too, so it is refused
    unless day and month are equal."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0, 0):
            raise ValueError(
                _(
                    "%(v)s has a time of day, but this column takes a date without a time; "
                    "format the cell as a date only or type %(d)s"
                )
                % {"v": value.strftime("%Y-%m-%d %H:%M"), "d": value.strftime("%Y-%m-%d")}
            )
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float):
        raise ValueError(
            _("%(v)s is a number, not a date; format the cell as a date or type YYYY-MM-DD")
            % {"v": value}
        )
    text = str(value).strip()
    if text.endswith(" 00:00:00"):
        text = text[:-9]
    for pattern in (_ISO, _YMD_SLASH):
        m = pattern.match(text)
        if m:
            year, month, day = (int(g) for g in m.groups())
            break
    else:
        m = _DMY_SLASH.match(text)
        if not m:
            raise ValueError(
                _(
                    "%(v)s is not a date; type YYYY-MM-DD (e.g. 2024-03-31), YYYY/MM/DD or "
                    "DD/MM/YYYY, or enter a real Excel date"
                )
                % {"v": text}
            )
        day, month, year = (int(g) for g in m.groups())
        if day <= 12 and month <= 12 and day != month:
            raise ValueError(
                _(
                    "%(v)s is ambiguous: it could be day/month or month/day. Type it as "
                    "YYYY-MM-DD, e.g. %(y)04d-%(m)02d-%(d)02d if you meant day %(d)s of month "
                    "%(m)s"
                )
                % {"v": text, "y": year, "m": month, "d": day}
            )
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(
            _("%(v)s is not a day of the calendar; check the day and month") % {"v": text}
        ) from None


_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0"}
# A number typed as text: digits with at most one decimal point (and an optional sign or
# exponent, as Excel writes 5E+12). No thousands separators, no decimal comma.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _not_a_number(value, example: str) -> ValueError:
    """Why a yes/no value or a date is not a number, with the value found."""
    if isinstance(value, bool):
        return ValueError(
            _(
                "%(v)s is a yes/no value, not a number; type the number itself, e.g. "
                "%(e)s (format the cell as a number, not TRUE/FALSE)"
            )
            % {"v": "TRUE" if value else "FALSE", "e": example}
        )
    shown = value.strftime("%Y-%m-%d %H:%M" if isinstance(value, datetime.datetime) else "%Y-%m-%d")
    return ValueError(
        _(
            "%(v)s is a date, not a number; format the cell as a number (Format Cells > "
            "Number) and type the number, e.g. %(e)s"
        )
        % {"v": shown, "e": example}
    )


def parse_number(value, *, example: str = "1250.5") -> Decimal:
    """A number cell, or text holding a plain number such as 1250.5. Text with a comma
    (1.250,5 or 1,250.5 or 12,5) could be read in two ways, so it is refused; so is any
    other thousands separator. Every numeric column reads its cells through this."""
    if isinstance(value, bool | datetime.date):
        raise _not_a_number(value, example)
    if isinstance(value, int | float):
        number = Decimal(repr(value))
    else:
        text = str(value).strip()
        if "," in text and re.fullmatch(r"[+-]?[\d.,]+", text):
            raise ValueError(
                _(
                    "%(v)s has a comma, so it could be read in more than one way (1.250,5 and "
                    "1,250.5 are written differently in different countries). Type the number "
                    "with a plain decimal point and no thousands separators, e.g. %(e)s"
                )
                % {"v": text, "e": example}
            )
        if not _PLAIN_NUMBER.fullmatch(text):
            raise ValueError(
                _(
                    "%(v)s is not a number; type digits with a point for decimals and no "
                    "thousands separators or units, e.g. %(e)s"
                )
                % {"v": text, "e": example}
            )
        number = Decimal(text)
    if not number.is_finite():
        raise ValueError(_("%(v)s is not a number") % {"v": value})
    return number


def parse_cell(column, value):
    """The value of one cell in ``column``'s type, or ValueError with a fix."""
    if column.type == DATE:
        return parse_date(value)
    if column.type == INT:
        try:
            number = parse_number(value, example="12")
        except ValueError:
            if isinstance(value, str) and "," not in value:
                raise ValueError(
                    _("%(v)s is not a whole number; type a number such as 12, without text")
                    % {"v": value.strip()}
                ) from None
            raise
        if number != number.to_integral_value() or number < 0:
            raise ValueError(
                _("%(v)s is not a whole number; type a whole number of 0 or more, such as 12")
                % {"v": value}
            )
        return int(number)
    if column.type == DECIMAL:
        return parse_number(value)
    if column.type == BOOL:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(_("%(v)s is not yes or no; type yes or no") % {"v": value})
    if column.type == LIST and isinstance(value, datetime.datetime | datetime.date):
        return [parse_date(value)]  # one class day typed as an Excel date
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        raise ValueError(_("this column takes text, not a date"))
    text = str(value).strip()
    if column.type == LIST:
        return [part.strip() for part in text.split(";") if part.strip()]
    if column.type == CHOICE and column.choices and text not in column.choices:
        lowered = {c.lower(): c for c in column.choices}
        if text.lower() in lowered:
            return lowered[text.lower()]
        hint = closest(text, column.choices)
        message = _("%(v)s is not allowed; use one of: %(choices)s") % {
            "v": text,
            "choices": ", ".join(column.choices),
        }
        if hint:
            message += " " + _("(did you mean %(h)s?)") % {"h": hint}
        raise ValueError(message)
    if column.type == CODE and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", text):
        raise ValueError(
            _("%(v)s is not a valid code; use letters, digits, dots, hyphens and underscores")
            % {"v": text}
        )
    return text


def _read_sheet(ws, sheet: Sheet, result: ReadResult, extra_columns: set[str]) -> None:
    ws.reset_dimensions()
    rows = ws.iter_rows(min_row=1)
    header_cells = next(rows, None)
    if header_cells is None:
        return
    headers = []
    for cell in header_cells:
        value = cell.value
        headers.append(str(value).strip() if not _blank(value) else "")
    known = set(sheet.column_names)
    unknown = [h for h in headers if h and h not in known]
    for column in sheet.columns:
        if column.required and column.name not in headers:
            hint = closest(column.name, unknown)
            message = _("The required column %(c)s is missing; add it to the header row.") % {
                "c": column.name
            }
            if hint:
                message = _(
                    "The required column %(c)s is missing. The header %(h)s looks like it: "
                    "rename it to %(c)s."
                ) % {"c": column.name, "h": hint}
            result.problems.append(Problem(message, sheet.name, 1, column.name))
    for name in unknown:
        if sheet.open_columns and name in extra_columns:
            continue
        hint = closest(name, known | (extra_columns if sheet.open_columns else set()))
        if hint:
            message = _("Unknown column %(c)s; did you mean %(h)s? Rename the header.") % {
                "c": name,
                "h": hint,
            }
        else:
            message = _("Unknown column %(c)s; remove it or use a column of the template.") % {
                "c": name
            }
        if sheet.open_columns:
            message += " " + _("Extra columns here must be question codes.")
        result.problems.append(Problem(message, sheet.name, 1, name))
    seen = set()
    for name in headers:
        if name and name in seen:
            result.problems.append(
                Problem(
                    _("The column %(c)s appears twice; keep one.") % {"c": name},
                    sheet.name,
                    1,
                    name,
                )
            )
        seen.add(name)
    parsed = result.rows.setdefault(sheet.name, [])
    for cells in rows:
        if all(_blank(c.value) for c in cells):
            continue
        number = next(c.row for c in cells if getattr(c, "row", None))
        values, extra = {}, {}
        for index, header in enumerate(headers):
            if not header:
                continue
            # A row may stop before the last header: its missing cells are blank.
            cell = cells[index] if index < len(cells) else None
            raw = cell.value if cell is not None else None
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(raw, str) and raw.startswith("=")
            ):
                result.problems.append(
                    Problem(
                        _(
                            "The cell contains a formula; paste values instead (Paste Special > "
                            "Values)."
                        ),
                        sheet.name,
                        number,
                        header,
                    )
                )
                continue
            if header in known:
                column = sheet.column(header)
                if _blank(raw):
                    if column.required:
                        result.problems.append(
                            Problem(
                                _("%(c)s is required; fill it in.") % {"c": header},
                                sheet.name,
                                number,
                                header,
                            )
                        )
                    else:
                        values[header] = None
                    continue
                try:
                    values[header] = parse_cell(column, raw)
                except ValueError as error:
                    result.problems.append(Problem(str(error), sheet.name, number, header))
            elif sheet.open_columns and header in extra_columns and not _blank(raw):
                extra[header] = (
                    raw if not isinstance(raw, float) or not raw.is_integer() else int(raw)
                )
        parsed.append(Row(sheet.name, number, values, extra))


def read_workbook(
    path: Path, *, name: str = "", extra_columns: set[str] | None = None
) -> ReadResult:
    """Every row of every known sheet, typed, with every problem found on the way."""
    from openpyxl import load_workbook

    result = ReadResult()
    problem = check_file(path, name)
    if problem:
        result.problems.append(problem)
        return result
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:
        result.problems.append(
            Problem(
                _(
                    "%(name)s cannot be opened as an Excel workbook; it may be damaged. Save it "
                    "again as Excel Workbook (.xlsx)."
                )
                % {"name": name or path.name}
            )
        )
        return result
    try:
        for title in wb.sheetnames:
            if title in IGNORED_SHEETS:
                continue
            sheet = SHEETS_BY_NAME.get(title)
            if sheet is None:
                hint = closest(title, SHEETS_BY_NAME)
                if hint:
                    message = _(
                        "Unknown sheet %(s)s; did you mean %(h)s? Rename the sheet tab."
                    ) % {
                        "s": title,
                        "h": hint,
                    }
                else:
                    message = _(
                        "Unknown sheet %(s)s; the sheets are %(all)s. Rename or delete it."
                    ) % {"s": title, "all": ", ".join(SHEETS_BY_NAME)}
                result.problems.append(Problem(message, title))
                continue
            _read_sheet(wb[title], sheet, result, extra_columns or set())
    finally:
        wb.close()
    if not result.problems and result.total == 0:
        result.problems.append(
            Problem(
                _("The workbook has no rows to import. Fill in at least one row below a header.")
            )
        )
    return result
