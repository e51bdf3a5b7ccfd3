"""The portal's letters, one way: from the portal's address with replies to REPLY_TO_EMAIL,
marked automatic (RFC 3834: no out-of-office answers back), a Message-ID of the portal's own
mail domain, and a Russian subject folded so that no mail client shows it with a space before
it (Python folds an encoded subject at the start when it does not know the header's name)."""

from __future__ import annotations

from email.header import Header

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid


class PortalLetter(EmailMessage):
    def message(self, *args, **kwargs):
        message = super().message(*args, **kwargs)
        subject = str(self.subject).strip()
        message.replace_header("Subject", Header(subject, "utf-8", header_name="Subject").encode())
        return message


def portal_letter(*, subject: str, body: str, to: str) -> EmailMessage:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return PortalLetter(
        subject=subject.strip(),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[settings.REPLY_TO_EMAIL],
        headers={"Auto-Submitted": "auto-generated", "Message-ID": make_msgid(domain=domain)},
    )
