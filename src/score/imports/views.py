"""Upload a workbook, export one, download the template, follow a job as it runs."""

from io import BytesIO
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from score.imports import actions
from score.imports.forms import ExportForm, UploadForm
from score.imports.models import Job
from score.imports.permissions import check_can_use_workbooks, check_can_view_job
from score.imports.template import build_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def index(request):
    check_can_use_workbooks(request.user)
    jobs = Job.objects.filter(owner=request.user)[:20]
    return render(
        request,
        "imports/index.html",
        {
            "upload_form": UploadForm(),
            "export_form": ExportForm(user=request.user),
            "jobs": jobs,
        },
    )


@login_required
def upload(request):
    check_can_use_workbooks(request.user)
    if request.method != "POST":
        return redirect("imports:index")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "imports/index.html",
            {
                "upload_form": form,
                "export_form": ExportForm(user=request.user),
                "jobs": Job.objects.filter(owner=request.user)[:20],
            },
            status=400,
        )
    job = actions.create_import_job(
        by=request.user, uploaded=form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"]
    )
    messages.success(
        request, _("The workbook was received; it is being checked. This page shows progress.")
    )
    return redirect(job)


@login_required
def export(request):
    check_can_use_workbooks(request.user)
    if request.method != "POST":
        return redirect("imports:index")
    form = ExportForm(request.POST, user=request.user)
    if not form.is_valid():
        raise Http404
    job = actions.create_export_job(by=request.user, programme_code=form.cleaned_data["programme"])
    messages.success(request, _("The export has started; download it from this page when done."))
    return redirect(job)


@login_required
def job_detail(request, pk):
    job = get_object_or_404(Job, pk=pk)
    check_can_view_job(request.user, job)
    template = "imports/job_detail.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk):
    job = get_object_or_404(Job, pk=pk)
    check_can_view_job(request.user, job)
    if not job.output_file or not Path(job.output_file).exists():
        raise Http404
    return FileResponse(
        open(job.output_file, "rb"),
        as_attachment=True,
        filename=f"score-export-{job.pk}.xlsx",
        content_type=XLSX,
    )


@login_required
def template(request):
    check_can_use_workbooks(request.user)
    buffer = BytesIO()
    build_workbook().save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="score-workbook-template.xlsx"'
    return response
