import json

from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_ikut.conf import ikut_settings
from wagtail_ikut.review.overdue import by_owner, overdue_items, report_text


class Command(BaseCommand):
    help = (
        "List guidance and service listings whose review or verification is overdue, grouped "
        "by owner; optionally e-mail the list to WAGTAIL_IKUT['REVIEW_REMINDER_RECIPIENTS']."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--municipality", metavar="CODE", help="Only content for this municipality code."
        )
        parser.add_argument(
            "--email",
            action="store_true",
            help="Also send the report to the configured recipients, if anything is overdue.",
        )

    def handle(self, *args, format, municipality, email, **options):
        today = timezone.localdate()
        items = overdue_items(today, municipality)
        if format == "json":
            data = {
                "date": today.isoformat(),
                "owners": [
                    {"owner": owner, "overdue": [item.as_dict() for item in group]}
                    for owner, group in by_owner(items)
                ],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report_text(items, today))
        if email and items:
            self.send_reminder(items, today)

    def send_reminder(self, items, today):
        recipients = ikut_settings.REVIEW_REMINDER_RECIPIENTS
        if not recipients:
            raise CommandError(
                "--email needs WAGTAIL_IKUT['REVIEW_REMINDER_RECIPIENTS'], "
                "the addresses to send the reminder to."
            )
        send_mail(
            _("Content overdue for review: %(count)d") % {"count": len(items)},
            report_text(items, today),
            None,
            recipients,
        )
        self.stderr.write(f"Sent the reminder to {', '.join(recipients)}.")
