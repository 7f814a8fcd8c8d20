"""A programme as an IATI 2.03 activity file (iati-activities), with its results.

The mapping (documented in docs/data-formats.md, "IATI export"):

- ``iati-identifier``: the reporting organisation's identifier, a hyphen and the programme
  code (``XM-DAC-41302-CN-P1``); ``reporting-org`` from the settings
  ``SCORE_IATI_REPORTING_ORG`` / ``_NAME`` / ``_TYPE`` (default: the ILO, 40 multilateral);
- ``title``, ``description`` (type 1, general): the programme's name and description;
- ``participating-org``: the reporting organisation with role 2 (accountable), donors with
  role 1 (funding), implementation partners with role 4 (implementing);
- ``activity-status`` (ActivityStatus): planned 1, active 2, closed 3;
- ``activity-date`` (ActivityDateType): planned start 1 and actual start 2 (unless planned),
  planned end 3, actual end 4 (closed programmes);
- ``recipient-country``: the programme's country, 100 per cent; ``sector`` 32130 (SME
  development) in vocabulary 1 (OECD DAC CRS 5-digit), 100 per cent;
- one ``result`` per indicator: the logframe indicators (type 1, output; measure 1 unit, or
  2 percentage for the share of cost covered) with baseline 0 at the programme's start, one
  period per target date (from the programme's start, cumulative) holding the targets and
  the actual by that date, women and men as ``<dimension name="sex" value="female|male"/>``;
  and the enterprise KPIs (type 2, outcome; measure 2 percentage): the share of reporting
  enterprises that improved, baseline 0 by definition, actual over the programme's period
  with n and the average change in a comment.

Narratives are in English (``xml:lang="en"`` on the activity, the default language), each
followed by its Simplified Chinese translation as ``<narrative xml:lang="zh">`` where the
text is translated (names of programmes and organisations are data and stay as entered)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from lxml import etree

from score.programmes.models import LogframeIndicator, Programme, ProgrammeStatus
from score.results import logframe
from score.results.builders import report_enterprises, report_indicators
from score.results.outcomes import outcomes

SECTOR_SME_DEVELOPMENT = "32130"
SECTOR_VOCABULARY_DAC = "1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Codelists (IATI 2.03)
ACTIVITY_STATUS = {
    ProgrammeStatus.PLANNED: "1",  # Pipeline/identification
    ProgrammeStatus.ACTIVE: "2",  # Implementation
    ProgrammeStatus.CLOSED: "3",  # Completion
}
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "1", "2", "4"
RESULT_OUTPUT, RESULT_OUTCOME = "1", "2"
MEASURE_UNIT, MEASURE_PERCENTAGE = "1", "2"
DESCRIPTION_GENERAL = "1"

PERCENT_INDICATORS = {LogframeIndicator.COST_COVERED}


def reporting_org() -> dict:
    return {
        "ref": getattr(settings, "SCORE_IATI_REPORTING_ORG", "XM-DAC-41302"),
        "type": getattr(settings, "SCORE_IATI_REPORTING_ORG_TYPE", "40"),
        "name": getattr(
            settings, "SCORE_IATI_REPORTING_ORG_NAME", "International Labour Organization"
        ),
    }


def _number(value) -> str:
    """A plain decimal string: 53, 0.5, 18670.25 (never 5.3E+1)."""
    if isinstance(value, float):
        value = Decimal(str(round(value, 4)))
    value = Decimal(value)
    text = format(value.normalize(), "f") if value else "0"
    return text


def _narrative(parent, tag: str, text: str, **attrs):
    element = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(element, "narrative").text = str(text)
    return element


def _date(parent, tag: str, value: datetime.date, **attrs):
    return etree.SubElement(parent, tag, {"iso-date": value.isoformat(), **attrs})


def _comment(parent, text: str):
    return _narrative(parent, "comment", text)


def _sex(parent, sex: str):
    etree.SubElement(parent, "dimension", name="sex", value=sex)


def _activity_header(activity, programme: Programme, today: datetime.date) -> None:
    org = reporting_org()
    etree.SubElement(activity, "iati-identifier").text = f"{org['ref']}-{programme.code}"
    _narrative(activity, "reporting-org", org["name"], ref=org["ref"], type=org["type"])
    _narrative(activity, "title", programme.name)
    description = programme.description.strip() or programme.name
    _narrative(activity, "description", description, type=DESCRIPTION_GENERAL)
    _narrative(
        activity,
        "participating-org",
        org["name"],
        ref=org["ref"],
        type=org["type"],
        role=ROLE_ACCOUNTABLE,
    )
    for donor in programme.donors.all():
        _narrative(activity, "participating-org", donor.name, role=ROLE_FUNDING)
    for partner in programme.implementation_partners.all():
        if partner.name == org["name"]:  # already there as the accountable organisation
            continue
        _narrative(activity, "participating-org", partner.name, role=ROLE_IMPLEMENTING)
    etree.SubElement(activity, "activity-status", code=ACTIVITY_STATUS[programme.status])
    _date(activity, "activity-date", programme.start_date, type=PLANNED_START)
    if programme.status != ProgrammeStatus.PLANNED and programme.start_date <= today:
        _date(activity, "activity-date", programme.start_date, type=ACTUAL_START)
    if programme.end_date:
        _date(activity, "activity-date", programme.end_date, type=PLANNED_END)
        if programme.status == ProgrammeStatus.CLOSED and programme.end_date <= today:
            _date(activity, "activity-date", programme.end_date, type=ACTUAL_END)
    etree.SubElement(activity, "recipient-country", code=programme.country.code, percentage="100")
    etree.SubElement(
        activity,
        "sector",
        vocabulary=SECTOR_VOCABULARY_DAC,
        code=SECTOR_SME_DEVELOPMENT,
        percentage="100",
    )


def _period_end(programme: Programme, today: datetime.date) -> datetime.date:
    end = min(programme.end_date or today, today)
    return max(end, programme.start_date)


def _logframe_result(activity, programme: Programme, row, actual_at, today) -> None:
    if not row.targets and not row.recorded:
        return
    result = etree.SubElement(
        activity, "result", {"type": RESULT_OUTPUT, "aggregation-status": "0"}
    )
    _narrative(result, "title", row.label)
    measure = MEASURE_PERCENTAGE if row.code in PERCENT_INDICATORS else MEASURE_UNIT
    indicator = etree.SubElement(result, "indicator", measure=measure, ascending="1")
    _narrative(indicator, "title", row.label)
    if row.definition:
        _narrative(indicator, "description", row.definition)
    if row.recorded:
        etree.SubElement(
            indicator,
            "baseline",
            year=str(programme.start_date.year),
            value="0",
            **{"iso-date": programme.start_date.isoformat()},
        )
    by_date: dict[datetime.date, list] = {}
    for target_row in row.targets:
        by_date.setdefault(target_row.target.target_date, []).append(target_row)
    if not by_date:
        by_date[_period_end(programme, today)] = []
    for end, target_rows in sorted(by_date.items()):
        period = etree.SubElement(indicator, "period")
        _date(period, "period-start", min(programme.start_date, end))
        _date(period, "period-end", end)
        for target_row in target_rows:
            target = etree.SubElement(period, "target", value=_number(target_row.target.value))
            if target_row.target.sex:
                _sex(target, target_row.target.sex)
            if target_row.target.country_id != programme.country_id:
                _comment(
                    target,
                    _("Target for %(country)s.") % {"country": target_row.target.country.name},
                )
        actual = actual_at(row.code, min(end, today)) if row.recorded else None
        if actual is None or actual.total is None:
            continue
        element = etree.SubElement(period, "actual", value=_number(actual.total))
        _comment(element, _("Cumulative since the programme's start, computed from the records."))
        if row.by_sex:
            for sex in ("female", "male"):
                value = actual.for_sex(sex)
                if value is not None:
                    _sex(etree.SubElement(period, "actual", value=_number(value)), sex)


def _outcome_result(activity, programme: Programme, outcome, today: datetime.date) -> None:
    indicator_obj = outcome.indicator
    if not outcome.enterprises_reporting:
        return
    result = etree.SubElement(
        activity, "result", {"type": RESULT_OUTCOME, "aggregation-status": "0"}
    )
    _narrative(result, "title", indicator_obj.display_name)
    name = indicator_obj.display_name.lower()
    if outcome.is_amount:
        title = _("Enterprises reporting %(indicator)s (%% of those reporting)") % {
            "indicator": name
        }
    else:
        title = _("Enterprises that improved their %(indicator)s (%% of those reporting)") % {
            "indicator": name
        }
    indicator = etree.SubElement(result, "indicator", measure=MEASURE_PERCENTAGE, ascending="1")
    _narrative(indicator, "title", title)
    _narrative(
        indicator,
        "description",
        _(
            "Share of the enterprises with a baseline and a follow-up value whose value moved in "
            "the good direction (for amounts reported for a period: whose amount is above 0). "
            "Comparison enterprises are left out."
        ),
    )
    baseline = etree.SubElement(
        indicator,
        "baseline",
        year=str(programme.start_date.year),
        value="0",
        **{"iso-date": programme.start_date.isoformat()},
    )
    _comment(baseline, _("No enterprise has improved at its baseline, by definition."))
    period = etree.SubElement(indicator, "period")
    _date(period, "period-start", programme.start_date)
    _date(period, "period-end", _period_end(programme, today))
    share = outcome.share_improved * 100
    actual = etree.SubElement(period, "actual", value=_number(round(share, 1)))
    counts = {"improved": outcome.enterprises_improved, "reporting": outcome.enterprises_reporting}
    if outcome.is_amount and outcome.average_amount_usd is not None:
        detail = _(
            "%(improved)s of %(reporting)s enterprises reporting; USD %(amount)s on average "
            "among them."
        ) % {**counts, "amount": f"{outcome.average_amount_usd:,.0f}"}
    elif outcome.average_change is not None:
        detail = _(
            "%(improved)s of %(reporting)s enterprises reporting; average change among those "
            "that improved %(change)s."
        ) % {**counts, "change": f"{outcome.average_change:+.0%}"}
    else:
        detail = _("%(improved)s of %(reporting)s enterprises reporting.") % counts
    _comment(actual, detail)


def _document(programme: Programme, today: datetime.date, now: str) -> etree._Element:
    """The document with its narratives in the active language."""
    root = etree.Element("iati-activities", version="2.03", **{"generated-datetime": now})
    activity = etree.SubElement(
        root,
        "iati-activity",
        {XML_LANG: "en", "default-currency": "USD", "last-updated-datetime": now},
    )
    _activity_header(activity, programme, today)
    table = logframe.build_logframe(programme, today=today)
    for row in table["rows"]:
        _logframe_result(activity, programme, row, table["actual_at"], today)
    # The same enterprises and indicators as the programme's results report (whole
    # programme, comparison enterprises left out), so the figures agree with it.
    enterprises = report_enterprises(logframe.WHOLE_PROGRAMME, programme)
    for outcome in outcomes(enterprises, report_indicators(enterprises, programme)):
        _outcome_result(activity, programme, outcome, today)
    return root


# Languages whose translations are added beside the English narratives: Django's language
# code -> the IATI Language codelist's code (ISO 639-1).
TRANSLATIONS = {"zh-hans": "zh"}


def build_iati(programme: Programme, *, today: datetime.date | None = None) -> etree._Element:
    """The iati-activities document of one programme, in English with the translations of
    TRANSLATIONS beside each narrative. The document is built once per language from the
    same records, so both have the same elements in the same order; each translated
    narrative is placed after its English one when the text differs."""
    today = today or timezone.localdate()
    now = timezone.now().replace(microsecond=0).isoformat()
    with translation.override("en"):
        root = _document(programme, today, now)
    english = list(root.iter("narrative"))
    for language, iati_code in TRANSLATIONS.items():
        with translation.override(language):
            translated = list(_document(programme, today, now).iter("narrative"))
        if len(translated) != len(english):  # the records changed between the two builds
            continue
        for original, other in zip(english, translated, strict=True):
            if other.text and other.text != original.text:
                element = etree.Element("narrative", {XML_LANG: iati_code})
                element.text = other.text
                # After the English narrative and any translation already added.
                anchor = original
                while (nxt := anchor.getnext()) is not None and nxt.tag == "narrative":
                    anchor = nxt
                anchor.addnext(element)
    return root


def iati_bytes(programme: Programme, *, today: datetime.date | None = None) -> bytes:
    return etree.tostring(
        build_iati(programme, today=today),
        xml_declaration=True,
        encoding="UTF-8",
        pretty_print=True,
    )
