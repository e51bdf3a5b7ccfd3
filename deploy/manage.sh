#!/bin/sh
# `manage.py` with the portal's settings (/etc/nastavnichestvo/env), for cron and for a person:
#   sudo -u nastavnichestvo /opt/nastavnichestvo/deploy/manage.sh send_reminders --dry-run
set -eu
APP_DIR="${APP_DIR:-/opt/nastavnichestvo}"
ENV_FILE="${ENV_FILE:-/etc/nastavnichestvo/env}"
set -a
. "$ENV_FILE"
set +a
cd "$APP_DIR"
exec "$APP_DIR/.venv/bin/python" manage.py "$@"
