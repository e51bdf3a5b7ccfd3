from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.freshness import data_changed
from accounts.models import Organization
from jobs.services import jobs_purge_results
from registry.services import (
    WITHDRAWAL_GRACE_DAYS,
    people_past_retention,
    people_to_purge,
    person_anonymise,
)


class Command(BaseCommand):
    help = (
        "Обезличивает персональные данные людей, отозвавших согласие не меньше 30 дней назад и "
        "не имеющих другого действующего согласия, и выбывших, у которых истёк срок хранения, "
        "установленный школой, а действующего согласия нет; пишет акт удаления. Удаляет файлы "
        "фоновых задач с персональными данными (сведения о субъекте, протоколы загрузки) через "
        "30 дней. Безопасно запускать по cron."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        withdrawn = 0
        for person in people_to_purge(today):
            person_anonymise(
                person=person,
                by="purge_withdrawn_consents",
                today=today,
                basis=f"отзыв согласия, прошло не меньше {WITHDRAWAL_GRACE_DAYS} дней",
            )
            withdrawn += 1
        expired = 0
        for organization in Organization.objects.all():
            for person in people_past_retention(organization, today):
                person_anonymise(
                    person=person,
                    by="purge_withdrawn_consents",
                    today=today,
                    basis=(
                        f"истёк срок хранения: выбыл(а) {person.left_on:%d.%m.%Y}, срок "
                        f"{organization.retention_years} лет, действующего согласия нет"
                    ),
                )
                expired += 1
        data_changed()
        self.stdout.write(
            f"Обезличено карточек: {withdrawn + expired} "
            f"(по отзыву согласия: {withdrawn}, по истечении срока хранения: {expired})."
        )
        files = jobs_purge_results(timezone.now())
        self.stdout.write(f"Удалено файлов с персональными данными от фоновых задач: {files}.")
