import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.freshness import data_changed
from accounts.models import Organization
from demo.accounts import MAIN_SLUG
from demo.region import copy_school, read_school


class Command(BaseCommand):
    help = (
        "Создаёт регион в одной базе: демонстрационную школу и её копии, всего --schools школ "
        "(повторный запуск ничего не дублирует)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schools", type=int, required=True, help="Сколько школ размера демонстрационной."
        )

    def handle(self, *args, schools, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("seed_region не запускается с боевыми настройками (production).")
        if schools < 1:
            raise CommandError("--schools: нужна хотя бы одна школа.")
        if not Organization.objects.filter(slug=MAIN_SLUG).exists():
            call_command("seed_demo", stdout=self.stdout)
        main = Organization.objects.get(slug=MAIN_SLUG)
        made = set(
            Organization.objects.filter(slug__startswith=f"{MAIN_SLUG}-r").values_list(
                "slug", flat=True
            )
        )
        wanted = [n for n in range(2, schools + 1) if f"{MAIN_SLUG}-r{n}" not in made]
        if not wanted:
            self.stdout.write(f"Школ размера демонстрационной уже {schools}: ничего не добавлено.")
            return
        started = time.monotonic()
        template = read_school(main)
        for done, number in enumerate(wanted, start=1):
            copy_school(template, number)
            if done % 10 == 0 or done == len(wanted):
                self.stdout.write(f"  копий: {done} из {len(wanted)}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # the planner's statistics after a bulk load
        data_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Готово: {len(wanted)} копий школы «{main.short_name}» за "
                f"{time.monotonic() - started:.0f} с. Входы копий: <логин>-r<номер>, "
                "пароль тот же, что в демонстрационной школе."
            )
        )
