"""The paging of the package's API lists."""

from ninja import Field
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination

#: Largest ``offset`` and ``limit`` read: far beyond any list of the package, and their sum far
#: within the 64-bit integers of every database, which fails on an offset past them (a 500)
#: rather than answering with an empty page.
MAX_ROWS = 2**31 - 1

#: Most items one page of a list of pages returns (courses, guidance), as the directory's
#: search allows: each item brings its related rows along.
MAX_PAGE_LIMIT = 50


class Pagination(WagtailLimitOffsetPagination):
    """Wagtail's limit and offset, each refused with a 422 beyond what a database can count."""

    class Input(WagtailLimitOffsetPagination.Input):
        limit: int = Field(default=20, ge=1, le=MAX_ROWS)
        offset: int = Field(default=0, ge=0, le=MAX_ROWS)
