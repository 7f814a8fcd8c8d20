"""Every write to countries, organisations, programmes and partnerships."""

from django.db import transaction

from score.core.audit import record
from score.core.records import create_record, update_record
from score.programmes.models import (
    Country,
    LogframeTarget,
    Organisation,
    Partnership,
    Programme,
)
from score.programmes.permissions import check_can_set_logframe_targets


@transaction.atomic
def create_country(*, by, code: str, name: str, currency: str, default_language: str = "en"):
    return create_record(
        Country,
        by=by,
        fields={
            "code": code.upper(),
            "name": name,
            "currency": currency,
            "default_language": default_language,
        },
    )


@transaction.atomic
def update_country(*, country: Country, by, **fields) -> Country:
    return update_record(country, by=by, fields=fields)


@transaction.atomic
def create_organisation(*, by, name: str, kind: str, **fields) -> Organisation:
    return create_record(Organisation, by=by, fields={"name": name, "kind": kind, **fields})


@transaction.atomic
def update_organisation(*, organisation: Organisation, by, **fields) -> Organisation:
    return update_record(organisation, by=by, fields=fields)


@transaction.atomic
def create_programme(
    *,
    by,
    code: str,
    name: str,
    country: Country,
    start_date,
    donors=(),
    implementation_partners=(),
    **fields,
) -> Programme:
    return create_record(
        Programme,
        by=by,
        fields={"code": code, "name": name, "country": country, "start_date": start_date, **fields},
        many={"donors": donors, "implementation_partners": implementation_partners},
    )


@transaction.atomic
def update_programme(
    *, programme: Programme, by, donors=None, implementation_partners=None, **fields
) -> Programme:
    many = {}
    if donors is not None:
        many["donors"] = donors
    if implementation_partners is not None:
        many["implementation_partners"] = implementation_partners
    return update_record(programme, by=by, fields=fields, many=many)


@transaction.atomic
def create_partnership(
    *,
    by,
    code: str,
    name: str,
    sponsor: Organisation,
    programme: Programme,
    start_date,
    **fields,
) -> Partnership:
    return create_record(
        Partnership,
        by=by,
        fields={
            "code": code,
            "name": name,
            "sponsor": sponsor,
            "programme": programme,
            "start_date": start_date,
            **fields,
        },
    )


@transaction.atomic
def update_partnership(*, partnership: Partnership, by, **fields) -> Partnership:
    return update_record(partnership, by=by, fields=fields)


@transaction.atomic
def set_logframe_target(
    *,
    by,
    programme: Programme,
    indicator: str,
    country: Country,
    target_date,
    value,
    sex: str = "",
    notes: str = "",
) -> LogframeTarget:
    """Create the target for this programme, indicator, sex, country and date, or change its
    value if it exists (entering the same target twice changes nothing). Coordinators set
    targets of their countries' programmes; admins of any."""
    check_can_set_logframe_targets(by, programme)
    key = {
        "programme": programme,
        "indicator": indicator,
        "sex": sex or "",
        "country": country,
        "target_date": target_date,
    }
    existing = LogframeTarget.objects.filter(**key).first()
    if existing is None:
        return create_record(LogframeTarget, by=by, fields={**key, "value": value, "notes": notes})
    return update_record(existing, by=by, fields={"value": value, "notes": notes})


@transaction.atomic
def delete_logframe_target(*, by, target: LogframeTarget) -> None:
    check_can_set_logframe_targets(by, target.programme)
    record(by=by, verb="delete_logframetarget", obj=target, changes={"value": target.value})
    target.delete()
