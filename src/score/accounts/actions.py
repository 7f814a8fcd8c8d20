"""Every write to users and memberships."""

from django.db import transaction

from score.accounts.models import Membership, User
from score.accounts.scopes import forget_scope
from score.core.audit import record


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
