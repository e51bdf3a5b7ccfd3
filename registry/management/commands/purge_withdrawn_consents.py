from django.core.management.base import BaseCommand
from django.utils import timezone

from registry.services import WITHDRAWAL_GRACE_DAYS, people_to_purge, person_anonymise


class Command(BaseCommand):
    help = (
        "Обезличивает персональные данные людей, отозвавших согласие не меньше 30 дней назад и "
        "не имеющих другого действующего согласия; пишет акт удаления. Безопасно запускать по cron."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        done = 0
        for person in people_to_purge(today):
            person_anonymise(
                person=person,
                by="purge_withdrawn_consents",
                today=today,
                basis=f"отзыв согласия, прошло не меньше {WITHDRAWAL_GRACE_DAYS} дней",
            )
            done += 1
        self.stdout.write(f"Обезличено карточек: {done}.")
