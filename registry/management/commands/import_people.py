import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.freshness import data_changed
from accounts.models import Organization
from registry.importing import (
    ImportFileError,
    import_people_locked,
    plan_import,
    plan_summary,
    read_rows,
)


class Command(BaseCommand):
    help = (
        "Загружает людей из .xlsx или .csv (Фамилия, Имя, Отчество, Пол, Категория, Должность, "
        "Предмет, Класс, Стаж, Email, Телефон; по желанию Дата рождения, Дата приёма, "
        "Дата выбытия). "
        "Всё или ничего: при ошибках ничего не пишется."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organization", help="код организации (slug)")
        parser.add_argument("--dry-run", action="store_true", help="только проверить и показать")

    def handle(self, *args, file, organization=None, dry_run=False, **options):
        org = self._organization(organization)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Файл {file} не найден.")
        try:
            rows = read_rows(path.read_bytes(), path.name)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        plan = plan_import(org, rows, timezone.localdate())
        if plan.errors:
            for line in plan.errors:
                self.stderr.write(line)
            self.stderr.write(f"Ошибок: {len(plan.errors)}. Ничего не записано.")
            sys.exit(1)
        if dry_run:
            summary = plan_summary(plan, done=False)
            self.stdout.write(f"Проверка (--dry-run), ничего не записано. {summary}")
            return
        plan = import_people_locked(org, rows, timezone.localdate())  # the school's lock
        if plan.errors:  # another import wrote meanwhile what this one now refuses
            for line in plan.errors:
                self.stderr.write(line)
            self.stderr.write(f"Ошибок: {len(plan.errors)}. Ничего не записано.")
            sys.exit(1)
        data_changed()
        self.stdout.write(self.style.SUCCESS(plan_summary(plan)))

    def _organization(self, slug):
        if slug:
            org = Organization.objects.filter(slug=slug).first()
            if org is None:
                raise CommandError(f"Организация «{slug}» не найдена.")
            return org
        orgs = list(Organization.objects.all()[:2])
        if len(orgs) != 1:
            raise CommandError("В портале несколько организаций: укажите --organization КОД.")
        return orgs[0]
