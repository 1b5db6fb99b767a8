import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import Locale

from wagtail_ikut.interop import hsds, tabular

#: Services read per query; each chunk prefetches its related rows in one query per relation.
CHUNK_SIZE = 500


def moment(text):
    """Read an ISO date (midnight, local time) or datetime (local time if no offset)."""
    value = parse_datetime(text)
    if value is None:
        day = parse_date(text)
        if day is None:
            raise ValueError(text)
        value = datetime.datetime.combine(day, datetime.time())
    return timezone.make_aware(value) if timezone.is_naive(value) else value


class Command(BaseCommand):
    help = (
        "Export the published, public services that have not ended as Open Referral HSDS 3.0: "
        "one JSON document, NDJSON (one service a line) or the tabular form (a directory of "
        "CSV files with a datapackage.json)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", metavar="PATH", help="File or directory to write; - for stdout."
        )
        parser.add_argument("--format", choices=["json", "ndjson", "csv"], default="json")
        parser.add_argument(
            "--locale", metavar="CODE", help="Language of the services; the default language."
        )
        parser.add_argument(
            "--modified-after",
            metavar="DATE",
            type=moment,
            help="Only services published after this ISO date or datetime.",
        )

    def handle(self, *args, path, format, locale, modified_after, verbosity, **options):
        if format == "csv" and path == "-":
            raise CommandError(_("The CSV form is a directory of files: give its path."))
        try:
            locale = Locale.objects.get(language_code=locale) if locale else Locale.get_default()
        except Locale.DoesNotExist as error:
            raise CommandError(
                _("No locale has the code “%(code)s”.") % {"code": locale}
            ) from error
        services = hsds.services_for_export(locale, modified_after)
        total = services.count()
        self.show_progress = verbosity > 0 and self.stderr.isatty()
        with translation.override(locale.language_code):
            objects = self.progress(
                (hsds.service_to_hsds(service) for service in services.iterator(CHUNK_SIZE)),
                total,
            )
            if format == "csv":
                tabular.write_package(objects, Path(path))
            elif path == "-":
                self.write(lambda text: self.stdout.write(text, ending=""), objects, format, total)
            else:
                with open(path, "w", encoding="utf-8") as file:
                    self.write(file.write, objects, format, total)
        if verbosity > 0:
            self.stderr.write(
                _("Exported %(count)d services in %(language)s to %(path)s.")
                % {"count": total, "language": locale.language_code, "path": path}
            )

    def write(self, emit, objects, format, total):
        def dump(obj):
            return json.dumps(obj, ensure_ascii=False)

        if format == "ndjson":
            for obj in objects:
                emit(dump(obj) + "\n")
            return
        # One HSDS page holding every service, written as the services come: the document of
        # a large directory need not fit in memory.
        head = {**hsds.page([], total), "empty": total == 0}
        del head["contents"]
        emit(dump(head)[:-1] + ', "contents": [')
        for n, obj in enumerate(objects):
            emit((",\n" if n else "\n") + dump(obj))
        emit("\n]}\n")

    def progress(self, objects, total):
        """Pass ``objects`` on, counting them on a terminal."""
        step = max(total // 100, 1)
        for done, obj in enumerate(objects, 1):
            yield obj
            if self.show_progress and (done % step == 0 or done == total):
                self.stderr.write(f"\r{done}/{total}", ending="")
        if self.show_progress and total:
            self.stderr.write("")
