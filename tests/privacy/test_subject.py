"""#17, 152-ФЗ: «Сведения о субъекте персональных данных» — every kind of record the portal
holds on a person, in one ZIP, and nothing about any other person."""

from __future__ import annotations

import datetime
import io
import os
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from documents import services as document_services
from documents.models import Document
from jobs.models import Job
from mentoring.models import Meeting
from mentoring.services import plan_create_from_template
from monitoring.questionnaires import services as questionnaires
from privacy.models import SubjectRequest
from privacy.package import RESULT_KEEP_DAYS, SUBJECT_KIND
from registry.models import CardView, Consent, PersonCategory
from tests.documents.factories import DAY, assignment_order, give_basis, pair_awaiting_order
from tests.documents.test_orders import text_of
from tests.factories import ConsentFactory, PersonFactory
from tests.monitoring.factories import open_questionnaire

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n% the subject's consent\n%%EOF\n"
OTHER_PHONE = "+7 914 555-66-77"


def answer(questionnaire, person, text):
    values = {}
    for q in questionnaire.questions.prefetch_related("choices"):
        choices = list(q.choices.all())
        if choices:
            values[q.pk] = [choices[0].pk] if q.kind == "multiple" else choices[0].pk
        elif q.kind in ("scale", "number"):
            values[q.pk] = q.scale_max or 2
        else:
            values[q.pk] = text
    questionnaires.response_save(
        questionnaire=questionnaire, person=person, values=values, send=True,
        today=timezone.localdate(),
    )  # fmt: skip


def texts_of_archive(content: bytes) -> dict[str, str]:
    """Every file of the archive as text: PDFs by their text, workbooks cell by cell."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith(".xlsx"):
                book = load_workbook(io.BytesIO(data))
                out[name] = "\n".join(
                    f"[{sheet.title}] " + " | ".join(str(v) for v in row if v is not None)
                    for sheet in book.worksheets
                    for row in sheet.iter_rows(values_only=True)
                )
            elif data.startswith(b"%PDF") and len(data) > 200:
                out[name] = text_of(data)
            else:
                out[name] = data.decode("latin-1")
    return out


def test_the_subjects_package_holds_every_kind_of_record_and_no_one_else(
    client, school, curator, director, django_capture_on_commit_callbacks
):
    school.director = director
    school.save()
    pair = pair_awaiting_order(
        school,
        mentor={"last_name": "Субъектова", "phone": "+7 914 000-11-22"},
        mentee={"last_name": "Посторонняя", "phone": OTHER_PHONE},
    )
    subject = pair.mentors[0].person
    other = pair.mentees[0].person
    give_basis(pair, director, DAY)  # consents of both, the subject's signed agreement
    order = document_services.document_send(document=assignment_order(school, [pair]), today=DAY)
    document_services.document_sign(document=order, by=director, today=DAY)  # names both
    thanks = document_services.document_create_award(
        organization=school,
        by=curator,
        kind=Document.Kind.THANKS,
        person=subject,
        starts_on=DAY,
        ends_on=datetime.date(2021, 12, 30),
        today=datetime.date(2021, 12, 30),
    )  # fmt: skip — the subject's own, but it names the mentee: listed, never copied
    document_services.document_send(document=thanks, today=datetime.date(2021, 12, 30))
    document_services.document_sign(document=thanks, by=director, today=datetime.date(2021, 12, 30))
    consent = subject.consents.first()
    consent.scan.save("scan.pdf", ContentFile(SCAN))
    ConsentFactory(person=other, kind=Consent.Kind.PERSONAL_DATA)
    Meeting.objects.create(assignment=pair, held_on=DAY, topic="Первая встреча пары")
    plan_create_from_template(assignment=pair)
    named = open_questionnaire(school, "mentor-potential")
    answer(named, subject, "ответ субъекта")
    answer(named, other, "ответ посторонней")
    anonymous = open_questionnaire(school, "satisfaction-mentor", anonymous=True)
    answer(anonymous, subject, "анонимный ответ")
    CardView.objects.create(person=subject, viewer=curator)
    unrelated = PersonFactory(
        organization=school, last_name="Чужакова", category=PersonCategory.TEACHER
    )

    client.force_login(curator)
    card = client.get(reverse("registry:person", args=[subject.pk])).content.decode()
    assert reverse("privacy:subject-request", args=[subject.pk]) in card
    url = reverse("privacy:subject-request", args=[subject.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"received_on": timezone.localdate().isoformat(), "requested_by": "сама"}
        )
    job = Job.objects.get(kind="subject_data")
    assert response.url == reverse("job-status", args=[job.pk]) and job.status == Job.Status.DONE
    request = SubjectRequest.objects.get()
    assert request.answered_on == timezone.localdate() and request.job == job
    content = b"".join(client.get(reverse("job-download", args=[job.pk])).streaming_content)
    files = texts_of_archive(content)

    names = set(files)
    assert {"Сведения.pdf", "Сведения.xlsx"} <= names
    assert any(n.startswith("Сканы согласий/") for n in names)
    agreement = Document.objects.get(person=subject, kind=Document.Kind.AGREEMENT)
    assert any(n.startswith("Документы/") for n in names)
    book = files["Сведения.xlsx"]
    for expected in (
        "[Карточка] Телефон | +7 914 000-11-22",
        "[История изменений карточки]",
        "[Базы наставников и наставляемых] База наставников: статус",
        "[Согласия]",
        "[Пары и группы] наставник | пара | учитель – учитель",
        "[Встречи] 01.09.2021 | Первая встреча пары | 45 | проведена",
        "[Персонализированные программы]",
        f"[Документы, где названо лицо] {agreement.title}",
        "нет: в документе названы и другие лица",
        "[Ответы на анкеты]",
        "ответ субъекта",
        "[Журнал доступа к карточке]",
        curator.get_full_name(),
    ):
        assert expected in book, expected
    assert "Первая встреча пары" in files["Сведения.pdf"]
    everything = "\n".join(files.values())
    for foreign in ("Посторонняя", OTHER_PHONE, "ответ посторонней", "анонимный ответ", "Чужакова"):
        assert foreign not in everything, foreign
    assert unrelated.pk  # the unrelated card exists and still stays out


def test_a_subjects_package_leaves_the_disk_after_its_term_and_reports_stay(
    client, school, curator
):
    """The daily purge deletes a package (personal data) 30 days after it was built; a semester
    report's file, which holds none, stays."""
    built = timezone.now() - datetime.timedelta(days=RESULT_KEEP_DAYS + 1)
    jobs = {}
    for kind in (SUBJECT_KIND, "semester_report"):
        job = Job.objects.create(
            organization=school, kind=kind, title=kind, created_by=curator,
            status=Job.Status.DONE, finished_at=built, result_name=f"{kind}.zip",
        )  # fmt: skip
        job.result.save(f"{kind}.zip", ContentFile(b"PK names and phones"))
        jobs[kind] = job
    fresh = Job.objects.create(
        organization=school, kind=SUBJECT_KIND, title="свежий", created_by=curator,
        status=Job.Status.DONE, finished_at=timezone.now(), result_name="fresh.zip",
    )  # fmt: skip
    fresh.result.save("fresh.zip", ContentFile(b"PK today"))
    path = jobs[SUBJECT_KIND].result.path

    out = io.StringIO()
    call_command("purge_withdrawn_consents", stdout=out)
    assert "Удалено файлов с персональными данными от фоновых задач: 1." in out.getvalue()
    assert not os.path.exists(path)
    gone = Job.objects.get(pk=jobs[SUBJECT_KIND].pk)
    assert not gone.result and gone.status == Job.Status.DONE
    assert Job.objects.get(pk=jobs["semester_report"].pk).result
    assert Job.objects.get(pk=fresh.pk).result
    client.force_login(curator)
    page = client.get(reverse("job-status", args=[gone.pk])).content.decode()
    assert "удалён: срок его хранения истёк" in page
    assert client.get(reverse("job-download", args=[gone.pk])).status_code == 404
