"""Every write to users and memberships."""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from score.accounts.models import Membership, User
from score.accounts.scopes import forget_scope, scope_of
from score.core.audit import record
from score.core.exceptions import ActionError


@transaction.atomic
def create_user(
    *,
    by,
    email: str,
    password: str | None,
    full_name: str = "",
    language: str = "",
    is_staff: bool = False,
) -> User:
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        language=language,
        is_staff=is_staff,
    )
    record(by=by, verb="create_user", obj=user, changes={"email": user.email})
    return user


@transaction.atomic
def grant_role(
    *, by, user: User, role: str, country=None, organisation=None, enterprise=None
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, country=country, organisation=organisation, enterprise=enterprise
    )
    if created:
        membership.full_clean()
        record(by=by, verb="grant_role", obj=membership, changes={"role": role})
    forget_scope(user)
    return membership


@transaction.atomic
def reset_calendar_token(*, user: User, by) -> str:
    """Give ``user`` a new secret key for their iCalendar feed and return it. The address
    with the old key stops working at once. The key itself is not written to the audit
    trail. Users reset their own key; the programme admin may reset anyone's."""
    if by is not None and by.pk != user.pk and not scope_of(by).is_admin:
        raise ActionError(_("Only the user or a programme administrator can reset this key."))
    user.calendar_token = secrets.token_urlsafe(32)
    user.save(update_fields=["calendar_token"])
    record(by=by, verb="reset_calendar_token", obj=user)
    return user.calendar_token
