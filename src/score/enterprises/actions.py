"""Every write to enterprises, their people, supply links and programme participation."""

from django.db import transaction
from django.utils.translation import gettext as _

from score.core.audit import record
from score.core.exceptions import ActionError
from score.core.records import create_record, update_record
from score.enterprises.models import Enterprise, Participation, Person, SupplyLink
from score.programmes.models import Organisation, OrganisationKind, Partnership, Programme

BUYER_KINDS = {OrganisationKind.LEAD_BUYER, OrganisationKind.BUYER_ASSOCIATION}


def _set_lead_buyers(enterprise: Enterprise, buyers) -> None:
    for buyer in buyers:
        if buyer.kind not in BUYER_KINDS:
            raise ActionError(
                _(
                    "%(org)s is not a lead buyer or buyer association, so it cannot be a buyer "
                    "of %(ent)s. Change the organisation's kind first."
                )
                % {"org": buyer, "ent": enterprise},
                field="lead_buyers",
            )
    wanted = {b.pk for b in buyers}
    SupplyLink.objects.filter(enterprise=enterprise).exclude(buyer_id__in=wanted).delete()
    existing = set(enterprise.supply_links.values_list("buyer_id", flat=True))
    SupplyLink.objects.bulk_create(
        [SupplyLink(enterprise=enterprise, buyer_id=pk) for pk in wanted - existing]
    )


@transaction.atomic
def create_enterprise(
    *, by, code: str, name: str, country, sector: str, lead_buyers=(), **fields
) -> Enterprise:
    enterprise = create_record(
        Enterprise,
        by=by,
        fields={
            "code": code,
            "name": name,
            "country": country,
            "sector": sector,
            "created_by": by if getattr(by, "pk", None) else None,
            **fields,
        },
    )
    _set_lead_buyers(enterprise, list(lead_buyers))
    return enterprise


@transaction.atomic
def update_enterprise(*, enterprise: Enterprise, by, lead_buyers=None, **fields) -> Enterprise:
    update_record(enterprise, by=by, fields=fields)
    if lead_buyers is not None:
        before = set(enterprise.supply_links.values_list("buyer_id", flat=True))
        _set_lead_buyers(enterprise, list(lead_buyers))
        after = {b.pk for b in lead_buyers}
        if before != after:
            record(
                by=by,
                verb="update_lead_buyers",
                obj=enterprise,
                changes={"lead_buyers": [sorted(before), sorted(after)]},
            )
    enterprise.refresh_from_db()
    return enterprise


@transaction.atomic
def enrol_in_programme(
    *,
    by,
    enterprise: Enterprise,
    programme: Programme,
    provider: Organisation | None = None,
    partnership: Partnership | None = None,
    trainers=(),
    joined_on=None,
    is_comparison: bool = False,
    status: str = "enrolled",
) -> Participation:
    if partnership is not None and partnership.programme_id != programme.pk:
        raise ActionError(
            _("The partnership %(p)s belongs to another programme; choose one of %(prog)s.")
            % {"p": partnership, "prog": programme.code},
            field="partnership",
        )
    if Participation.objects.filter(enterprise=enterprise, programme=programme).exists():
        raise ActionError(
            _("%(ent)s already takes part in %(prog)s.")
            % {"ent": enterprise, "prog": programme.code}
        )
    return create_record(
        Participation,
        by=by,
        fields={
            "enterprise": enterprise,
            "programme": programme,
            "provider": provider,
            "partnership": partnership,
            "joined_on": joined_on,
            "is_comparison": is_comparison,
            "status": status,
        },
        many={"trainers": trainers},
    )


@transaction.atomic
def update_participation(
    *, participation: Participation, by, trainers=None, **fields
) -> Participation:
    partnership = fields.get("partnership", participation.partnership)
    if partnership is not None and partnership.programme_id != participation.programme_id:
        raise ActionError(
            _("The partnership %(p)s belongs to another programme.") % {"p": partnership},
            field="partnership",
        )
    many = {"trainers": trainers} if trainers is not None else {}
    return update_record(participation, by=by, fields=fields, many=many)


@transaction.atomic
def add_person(*, by, enterprise: Enterprise, sex: str, role: str, **fields) -> Person:
    return create_record(
        Person, by=by, fields={"enterprise": enterprise, "sex": sex, "role": role, **fields}
    )


@transaction.atomic
def update_person(*, person: Person, by, **fields) -> Person:
    return update_record(person, by=by, fields=fields)
