"""Photos of visits and projects: only real JPEG, PNG or WebP images of a sensible size,
served only to users who may see the visit or project."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from score.counselling.models import ProjectPhoto, VisitPhoto

pytestmark = pytest.mark.django_db


def _image(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 120, 40)).save(out, kind)
    return out.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")
WEBP = _image("WEBP")


def upload(name="line2.png", content=PNG, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_trainer_adds_a_photo_to_their_visit(trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:visit_photo_add", args=[scene.done_visit.pk]),
        {"file": upload(), "caption": "Line 2 after 5S"},
    )
    assert response.status_code == 302
    photo = VisitPhoto.objects.get()
    assert (photo.caption, photo.file.name.endswith(".png")) == ("Line 2 after 5S", True)


def test_the_stored_photo_gets_a_name_of_its_own(trainer, scene, login):
    login(trainer).post(
        reverse("counselling:visit_photo_add", args=[scene.done_visit.pk]),
        {"file": upload(name="../../etc/passwd.png")},
    )
    assert "passwd" not in VisitPhoto.objects.get().file.name


BAD_PHOTOS = {
    "a file that is not a photo": (
        upload("notes.pdf", b"%PDF-1.4", "application/pdf"),
        "JPEG, PNG or WebP",
    ),
    "a program named like a photo": (
        upload("photo.jpg", b"MZ\x90\x00" * 8, "image/jpeg"),
        "not a valid image",
    ),
    "a PNG named as a JPEG": (upload("photo.jpg", PNG, "image/jpeg"), "not a valid image"),
    "JPEG magic bytes followed by junk": (
        upload("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg"),
        "not a valid image",
    ),
    "PNG magic bytes followed by junk": (
        upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"junk" * 16),
        "not a valid image",
    ),
    "a PNG cut short": (upload("photo.png", PNG[: len(PNG) // 2]), "not a valid image"),
}


@pytest.mark.parametrize("case", BAD_PHOTOS)
def test_bad_photo_is_refused_with_a_clear_error(case, trainer, scene, login):
    file, message = BAD_PHOTOS[case]
    response = login(trainer).post(
        reverse("counselling:visit_photo_add", args=[scene.done_visit.pk]), {"file": file}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not VisitPhoto.objects.exists()


def test_a_photo_larger_than_the_limit_is_refused(trainer, scene, login, settings):
    settings.SCORE_MAX_PHOTO_MB = 1
    big = upload(content=PNG + b"\x00" * (1024 * 1024))
    response = login(trainer).post(
        reverse("counselling:visit_photo_add", args=[scene.done_visit.pk]), {"file": big}
    )
    assert "larger than 1 MB" in " ".join(response.context["form"].errors["file"])
    assert not VisitPhoto.objects.exists()


def test_visit_photo_is_served_to_users_who_see_the_visit(trainer, scene, login):
    photo = VisitPhoto.objects.create(
        visit=scene.done_visit, file=upload(content=JPEG, name="a.jpg")
    )
    response = login(trainer).get(photo.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == JPEG


@pytest.mark.parametrize("name", ["enterprise_user", "sponsor_user", "outsider"])
def test_visit_photo_is_404_for_users_who_do_not_see_the_visit(name, request, scene, login):
    photo = VisitPhoto.objects.create(visit=scene.done_visit, file=upload())
    response = login(request.getfixturevalue(name)).get(photo.get_absolute_url())
    assert response.status_code == 404


def test_enterprise_user_adds_a_before_photo_to_their_project(enterprise_user, scene, login):
    response = login(enterprise_user).post(
        reverse("counselling:project_photo_add", args=[scene.unrelated_project.pk]),
        {"stage": "before", "file": upload(), "caption": "Cluttered store"},
    )
    assert response.status_code == 302
    photo = ProjectPhoto.objects.get()
    assert photo.stage == "before"
    assert login(enterprise_user).get(photo.get_absolute_url()).status_code == 200


def test_project_photo_is_404_for_other_enterprises_users(enterprise_user, scene, login):
    photo = ProjectPhoto.objects.create(project=scene.project, stage="after", file=upload())
    assert login(enterprise_user).get(photo.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("name", "content"), [("a.jpg", JPEG), ("a.jpeg", JPEG), ("a.png", PNG), ("a.webp", WEBP)]
)
def test_a_real_image_of_each_kind_is_taken(name, content, trainer, scene, login):
    response = login(trainer).post(
        reverse("counselling:visit_photo_add", args=[scene.done_visit.pk]),
        {"file": upload(name, content, "image/*")},
    )
    assert response.status_code == 302
    assert VisitPhoto.objects.count() == 1


def test_a_project_photo_of_magic_bytes_and_junk_is_refused(enterprise_user, scene, login):
    junk = upload("after.jpg", b"\xff\xd8\xff\xe0" + b"junk" * 32, "image/jpeg")
    response = login(enterprise_user).post(
        reverse("counselling:project_photo_add", args=[scene.unrelated_project.pk]),
        {"stage": "after", "file": junk},
    )
    assert response.status_code == 200
    assert "not a valid image" in " ".join(response.context["form"].errors["file"])
    assert not ProjectPhoto.objects.exists()
