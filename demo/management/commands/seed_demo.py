from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.freshness import data_changed
from demo.accounts import DEMO_PASSWORD, DEMO_USERS, DemoContext

# One module of the demo app per app whose rows it builds, in dependency order; every step is
# idempotent.
STEPS = ["demo.accounts", "demo.registry", "demo.mentoring", "demo.documents", "demo.monitoring"]


class Command(BaseCommand):
    help = "Создаёт демонстрационный муниципалитет и школу (повторный запуск ничего не дублирует)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("seed_demo не запускается с боевыми настройками (production).")
        ctx = DemoContext(today=timezone.localdate())
        with transaction.atomic():
            for step in STEPS:
                import_module(step).seed(ctx)
        data_changed()
        self.stdout.write(self.style.SUCCESS("Демонстрационные данные готовы."))
        self.stdout.write(f"Входы (пароль у всех: {DEMO_PASSWORD}):")
        self.stdout.write(f"  {'admin':<13} администратор портала")
        for username, (last, first, middle, _gender, _roles, note) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<13} {last} {first} {middle} — {note}")
