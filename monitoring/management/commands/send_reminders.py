from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import Organization
from monitoring.health.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Пишет каждому, кого касается, одно письмо со списком того, что требует внимания "
        "(пары без встреч, просроченная дорожная карта, анкеты, согласия, документы на подписи); "
        "о каждом пункте — не чаще раза в день. Безопасно запускать по cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organization", help="код организации (slug); без него — все")
        parser.add_argument(
            "--dry-run", action="store_true", help="только посчитать: ничего не отправлять"
        )

    def handle(self, *args, organization=None, dry_run=False, **options):
        organizations = Organization.objects.order_by("pk")
        if organization:
            organizations = organizations.filter(slug=organization)
            if not organizations.exists():
                raise CommandError(f"Организация «{organization}» не найдена.")
        run = reminders_send(
            organizations=organizations, today=timezone.localdate(), dry_run=dry_run
        )
        if dry_run:
            self.stdout.write(
                f"Пробный запуск: ничего не отправлено. Было бы отправлено писем: {run.letters}."
            )
        else:
            self.stdout.write(f"Отправлено писем: {run.letters}.")
        self.stdout.write(f"Напоминаний в них: {run.reminders}.")
        if run.without_email:
            self.stdout.write(f"Пропущено (нет адреса электронной почты): {run.without_email}.")
        if run.failed:
            self.stderr.write(f"Не отправлено из-за ошибки почтового сервера: {run.failed}.")
