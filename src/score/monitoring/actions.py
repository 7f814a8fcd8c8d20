"""Every write to indicators, measurements, exchange rates and practice answers.

Views, the workbook importer, the API and the demo loader all call these: keyword-only,
one transaction each, errors as ``ActionError``/``ValidationError`` naming a field and
saying how to fix it, provenance (form / import with file and row / api) as arguments."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from score.core.audit import record
from score.core.exceptions import ActionError
from score.core.records import create_record, update_record
from score.monitoring.models import (
    ExchangeRate,
    Indicator,
    IndicatorKind,
    Measurement,
    PracticeAnswer,
    PracticeItem,
    PracticeWave,
    Provenance,
)


def _indicator(indicator) -> Indicator:
    if isinstance(indicator, Indicator):
        return indicator
    try:
        return Indicator.objects.get(code=indicator)
    except Indicator.DoesNotExist:
        raise ActionError(
            _("%(code)s is not an indicator code. Use a code from the indicator catalogue.")
            % {"code": indicator},
            field="indicator",
        ) from None


def _practice_item(item) -> PracticeItem:
    if isinstance(item, PracticeItem):
        return item
    try:
        return PracticeItem.objects.get(code=item)
    except PracticeItem.DoesNotExist:
        raise ActionError(
            _("%(code)s is not a good-practice code. Use a code from the practice checklist.")
            % {"code": item},
            field="item",
        ) from None


def _check_programme(indicator: Indicator, enterprise) -> None:
    if (
        indicator.programme_id
        and not enterprise.participations.filter(programme_id=indicator.programme_id).exists()
    ):
        raise ActionError(
            _(
                "%(ind)s belongs to programme %(prog)s, in which %(ent)s does not take part. "
                "Choose an indicator of the global catalogue."
            )
            % {"ind": indicator.code, "prog": indicator.programme.code, "ent": enterprise},
            field="indicator",
        )


def _provenance(provenance: str, import_file: str, import_row) -> dict:
    if provenance not in Provenance.values:
        raise ActionError(_("Provenance must be one of: form, import, api."), field="provenance")
    return {
        "provenance": provenance,
        "import_file": import_file or "",
        "import_row": import_row,
    }


def _measurement_fields(
    *,
    by,
    enterprise,
    indicator,
    period_start,
    period_end,
    wave,
    value,
    currency,
    source,
    provenance,
    import_file,
    import_row,
) -> dict:
    return {
        "enterprise": enterprise,
        "indicator": indicator,
        "period_start": period_start,
        "period_end": period_end,
        "wave": wave,
        "value": Decimal(value) if not isinstance(value, Decimal) else value,
        "currency": (currency or "").strip().upper(),
        "source": source,
        "entered_by": by if getattr(by, "pk", None) else None,
        "entered_at": timezone.now(),
        **_provenance(provenance, import_file, import_row),
    }


@transaction.atomic
def record_measurement(
    *,
    by,
    enterprise,
    indicator: Indicator | str,
    period_start: date,
    period_end: date,
    wave: str,
    value: Decimal | int | str,
    source: str,
    currency: str = "",
    provenance: str = Provenance.FORM,
    import_file: str = "",
    import_row: int | None = None,
) -> Measurement:
    """Create the measurement, or update the one with the same enterprise, indicator,
    period and wave (so a re-import changes nothing). Audited."""
    indicator = _indicator(indicator)
    _check_programme(indicator, enterprise)
    fields = _measurement_fields(
        by=by,
        enterprise=enterprise,
        indicator=indicator,
        period_start=period_start,
        period_end=period_end,
        wave=wave,
        value=value,
        currency=currency,
        source=source,
        provenance=provenance,
        import_file=import_file,
        import_row=import_row,
    )
    existing = Measurement.objects.filter(
        enterprise=enterprise,
        indicator=indicator,
        period_start=period_start,
        period_end=period_end,
        wave=wave,
    ).first()
    if existing is None:
        return create_record(Measurement, by=by, fields=fields)
    same = (
        existing.value == fields["value"]
        and existing.currency == fields["currency"]
        and existing.source == source
    )
    if same:
        return existing
    return update_record(existing, by=by, fields=fields)


@transaction.atomic
def delete_measurement(*, by, measurement: Measurement) -> None:
    record(
        by=by,
        verb="delete_measurement",
        obj=measurement,
        changes={"value": measurement.value, "enterprise": measurement.enterprise_id},
    )
    measurement.delete()


@transaction.atomic
def record_exchange_rate(
    *, by, currency: str, valid_from: date, units_per_usd: Decimal | str, source: str = ""
) -> ExchangeRate:
    """Create or correct the rate of ``currency`` from ``valid_from`` (units per USD)."""
    existing = ExchangeRate.objects.filter(currency=currency, valid_from=valid_from).first()
    fields = {
        "currency": (currency or "").upper(),
        "valid_from": valid_from,
        "units_per_usd": Decimal(str(units_per_usd)),
        "source": source,
    }
    if existing:
        return update_record(existing, by=by, fields=fields)
    return create_record(ExchangeRate, by=by, fields=fields)


@transaction.atomic
def create_indicator(
    *,
    by,
    code: str,
    name: str,
    unit: str,
    direction: str,
    kind: str = IndicatorKind.RAW,
    programme=None,
    formula: str = "",
    name_translations: dict | None = None,
    is_money: bool = False,
    min_value=None,
    max_value=None,
    jump_factor=None,
) -> Indicator:
    """Add an indicator (programme-specific when ``programme`` is given). A formula may use
    only codes that exist."""
    if Indicator.objects.filter(code=code).exists():
        raise ActionError(
            _("The code %(code)s is already used by another indicator; choose another.")
            % {"code": code},
            field="code",
        )
    indicator = Indicator(
        code=code,
        name=name,
        unit=unit,
        direction=direction,
        kind=kind,
        formula=formula,
        name_translations={k: v for k, v in (name_translations or {}).items() if v},
        is_money=is_money,
        min_value=min_value,
        max_value=max_value,
        jump_factor=jump_factor,
        programme=programme,
    )
    indicator.full_clean()
    if formula:
        codes = indicator.operands
        known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
        if codes - known:
            raise ActionError(
                _("The formula uses unknown codes: %(codes)s. Use codes from the catalogue.")
                % {"codes": ", ".join(sorted(codes - known))},
                field="formula",
            )
    indicator.save()
    record(by=by, verb="create_indicator", obj=indicator, changes={"code": code})
    return indicator


@transaction.atomic
def record_practice_answer(
    *,
    by,
    enterprise,
    item: PracticeItem | str,
    wave: str,
    answer: bool,
    answered_on: date,
    provenance: str = Provenance.FORM,
    import_file: str = "",
    import_row: int | None = None,
) -> PracticeAnswer:
    """Create or update the answer for enterprise, practice and wave (baseline/follow_up)."""
    item = _practice_item(item)
    if wave not in PracticeWave.values:
        raise ActionError(
            _("Practices are answered at baseline or follow-up; use baseline or follow_up."),
            field="wave",
        )
    fields = {
        "enterprise": enterprise,
        "item": item,
        "wave": wave,
        "answer": bool(answer),
        "answered_on": answered_on,
        "entered_by": by if getattr(by, "pk", None) else None,
        "entered_at": timezone.now(),
        **_provenance(provenance, import_file, import_row),
    }
    existing = PracticeAnswer.objects.filter(enterprise=enterprise, item=item, wave=wave).first()
    if existing is None:
        return create_record(PracticeAnswer, by=by, fields=fields)
    if existing.answer == bool(answer) and existing.answered_on == answered_on:
        return existing
    return update_record(existing, by=by, fields=fields)


@transaction.atomic
def record_visit_entries(
    *,
    by,
    enterprise,
    wave: str,
    period_start: date,
    period_end: date,
    source: str,
    values: dict,
    practices: dict | None = None,
    answered_on: date | None = None,
    provenance: str = Provenance.FORM,
) -> list:
    """Save a visit's KPIs and practice answers together, all or nothing.

    ``values`` maps indicator code to ``(value, currency)``; ``practices`` maps practice
    code to True/False. Every value is validated first; a ValidationError keyed
    ``value:<code>`` / ``currency:<code>`` lists every problem, and nothing is written."""
    indicators = Indicator.objects.in_bulk(list(values), field_name="code")
    errors: dict[str, list] = {}
    prepared = []
    for code, (value, currency) in values.items():
        indicator = indicators.get(code)
        if indicator is None:
            errors.setdefault(f"value:{code}", []).append(
                _("%(code)s is not an indicator code.") % {"code": code}
            )
            continue
        fields = _measurement_fields(
            by=by,
            enterprise=enterprise,
            indicator=indicator,
            period_start=period_start,
            period_end=period_end,
            wave=wave,
            value=value,
            currency=currency,
            source=source,
            provenance=provenance,
            import_file="",
            import_row=None,
        )
        try:
            Measurement(**fields).full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                key = (
                    f"currency:{code}"
                    if field == "currency"
                    else (
                        field
                        if field in ("period_end", "period_start", "wave", "source")
                        else f"value:{code}"
                    )
                )
                errors.setdefault(key, []).extend(messages)
            continue
        prepared.append((indicator, value, currency))
    practice_wave = PracticeWave.BASELINE if wave == "baseline" else PracticeWave.FOLLOW_UP
    if errors:
        raise ValidationError(errors)
    saved = [
        record_measurement(
            by=by,
            enterprise=enterprise,
            indicator=indicator,
            period_start=period_start,
            period_end=period_end,
            wave=wave,
            value=value,
            currency=currency,
            source=source,
            provenance=provenance,
        )
        for indicator, value, currency in prepared
    ]
    items = PracticeItem.objects.in_bulk(list(practices or {}), field_name="code")
    for code, answer in (practices or {}).items():
        saved.append(
            record_practice_answer(
                by=by,
                enterprise=enterprise,
                item=items.get(code) or code,
                wave=practice_wave,
                answer=answer,
                answered_on=answered_on or timezone.localdate(),
                provenance=provenance,
            )
        )
    return saved
