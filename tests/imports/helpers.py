from django.apps import apps

COUNTED = [
    "programmes.Organisation",
    "programmes.Programme",
    "enterprises.Enterprise",
    "enterprises.Participation",
    "enterprises.Person",
    "enterprises.SupplyLink",
    "monitoring.Measurement",
    "monitoring.PracticeAnswer",
    "surveys.Response",
    "training.Enrolment",
    "training.ClassroomSession",
    "training.SessionDay",
    "training.Participant",
    "training.Attendance",
    "counselling.Visit",
    "core.AuditEvent",
]


def counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED}
