"""Send the publish webhooks' due deliveries: once, or as a worker that keeps running."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from wagtail_ikut.webhooks.delivery import deliver_due


class Command(BaseCommand):
    help = "Send the webhook notifications that are due, retrying failed ones with back-off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Send what is due now, then exit (for cron)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help="Seconds to wait when nothing is due (default 2).",
        )

    def handle(self, *args, once, interval, **options):
        while True:
            sent = deliver_due()
            if sent and options["verbosity"] > 1:
                self.stdout.write(f"Attempted {sent} deliveries.")
            if not sent:
                if once:
                    return
                time.sleep(interval)
                # A long-running worker must not keep a connection the database has dropped
                # (not before the first round: a test's transaction holds the connection).
                close_old_connections()
