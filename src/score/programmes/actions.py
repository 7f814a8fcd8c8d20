"""Every write to countries, organisations, programmes and partnerships."""

from django.db import transaction

from score.core.records import create_record, update_record
from score.programmes.models import Country, Organisation, Partnership, Programme


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
