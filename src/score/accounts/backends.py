"""Authentication backend: e-mail login (from ModelBackend) plus the rule that programme
admins hold every model permission, so the administration site works for them without
making them superusers."""

from django.contrib.auth.backends import ModelBackend

from score.accounts.scopes import scope_of


class RoleBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and scope_of(user_obj).is_admin:
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and scope_of(user_obj).is_admin:
            return True
        return super().has_module_perms(user_obj, app_label)
