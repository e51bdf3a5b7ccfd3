#!/bin/sh
# A new release on the server (docs/operations.md, «Обновление»), run by root from the
# checkout after `git pull` (or a new release unpacked there): `make upgrade`.
# A backup first; then, as the portal's user, the dependencies, the migrations and the static
# files; the deployment check; the services restarted. Stops at the first step that fails:
# the services then still run the old code on the old database, and the backup is there.
set -eu
APP_DIR="${APP_DIR:-/opt/nastavnichestvo}"
APP_USER="${APP_USER:-nastavnichestvo}"
ENV_FILE="${ENV_FILE:-/etc/nastavnichestvo/env}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/nastavnichestvo}"
SERVICES="${SERVICES:-nastavnichestvo-web nastavnichestvo-worker}"

as_app() {
    if [ "$(id -un)" = "$APP_USER" ]; then sh -c "$1"; else runuser -u "$APP_USER" -- sh -c "$1"; fi
}
with_env="cd '$APP_DIR' && set -a && . '$ENV_FILE' && set +a"

echo "1/5 резервная копия"
as_app "$with_env && make --no-print-directory backup BACKUP_DIR='$BACKUP_DIR'"
echo "2/5 зависимости"
as_app "cd '$APP_DIR' && make --no-print-directory install"
echo "3/5 миграции"
as_app "$with_env && .venv/bin/python manage.py migrate --noinput"
echo "4/5 статические файлы и проверка"
as_app "$with_env && .venv/bin/python manage.py collectstatic --noinput --verbosity 0"
as_app "$with_env && .venv/bin/python manage.py check --deploy --fail-level WARNING"
echo "5/5 перезапуск служб: $SERVICES"
if [ -n "$SERVICES" ]; then systemctl restart $SERVICES; fi
echo "Обновлено."
