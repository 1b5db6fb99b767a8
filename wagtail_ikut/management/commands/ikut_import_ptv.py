from django.utils.translation import gettext_lazy as _

from wagtail_ikut.interop.command import ImportCommand
from wagtail_ikut.interop.ptv import PtvReader, read_files
from wagtail_ikut.interop.writer import ServiceWriter


class Command(ImportCommand):
    help = (
        "Import services, their service channels and organisations from Suomi.fi PTV Open API "
        "(v11) JSON into a service directory, all or nothing. Safe to run again: services are "
        "matched by their PTV id, and those PTV no longer lists are marked ended."
    )
    ended_label = _("ended (no longer in PTV)")

    def add_arguments(self, parser):
        parser.add_argument("path", help="A PTV JSON file, or a folder of them.")
        super().add_arguments(parser)

    def writer(self, directory, publish):
        return ServiceWriter(directory, "ptv_id", publish=publish)

    def read(self, writer, *, path, **options):
        reader = PtvReader(read_files(path))
        organisations, services = reader.read()
        return organisations, services, [], reader.notes
