"""Who may read and who may see students' sensitive data in the registry."""

from accounts.models import Role

READERS = (Role.CURATOR, Role.PSYCHOLOGIST, Role.DIRECTOR, Role.DEPUTY)
SENSITIVE_ROLES = (Role.CURATOR, Role.PSYCHOLOGIST)
