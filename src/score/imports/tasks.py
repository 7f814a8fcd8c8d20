"""Background tasks of the imports app, run by ``score worker`` (django-tasks)."""

from django_tasks import task

from score.imports import actions
from score.imports.models import Job


@task()
def run_job(job_id: int) -> str:
    """Load the job row and run it (import or export); the row records the outcome."""
    job = actions.run_job(job=Job.objects.select_related("owner").get(pk=job_id))
    return job.status
