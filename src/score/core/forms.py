"""Form helpers shared by every app: forms validate, actions decide and save."""

import copy

from django import forms
from django.core.exceptions import ValidationError

from score.core.exceptions import ActionError


class ValidatingModelForm(forms.ModelForm):
    """A ModelForm that never touches the object it edits.

    Django's ModelForm writes cleaned values onto its instance while validating; this one
    validates a copy, so the action receives the untouched object and the cleaned data and
    can record exactly what changed. Never call ``save()``: pass ``cleaned_data`` to the
    app's action instead."""

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, instance=copy.copy(instance) if instance else None, **kwargs)

    def save(self, commit=True):  # pragma: no cover - guard against misuse
        raise NotImplementedError("Forms validate; call the app's action to save.")

    def model_fields(self) -> dict:
        """Cleaned values of the model's own (non many-to-many) fields."""
        many = {f.name for f in self._meta.model._meta.many_to_many}
        return {
            k: v for k, v in self.cleaned_data.items() if k in self._meta.fields and k not in many
        }


def add_action_error(form: forms.Form, error: Exception) -> None:
    """Show an ActionError or ValidationError raised by an action on the form."""
    if isinstance(error, ActionError):
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
    elif isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
    else:  # pragma: no cover
        raise error
