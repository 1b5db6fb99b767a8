"""The paging of the package's API lists."""

from ninja import Field
from ninja.pagination import LimitOffsetPagination

#: Largest ``offset`` read: far beyond any list of the package, and within the 64-bit integers
#: of every database, which fails on an offset past them (a 500) rather than answering with an
#: empty page.
MAX_ROWS = 2**31 - 1

#: Most items one page of a list returns (organisations, courses, guidance), as the directory's
#: search allows: each item brings its related rows along.
MAX_PAGE_LIMIT = 50


class Pagination(LimitOffsetPagination):
    """Limit and offset, each refused with a 422 beyond what the package's lists allow.

    Not Wagtail's API v3 paginator: it refuses a limit over the host site's
    ``WAGTAILAPI_LIMIT_MAX`` (20 unless set) with a 400, below the limit these lists declare in
    the OpenAPI document and their own checks already enforce.
    """

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(
            default=20, ge=1, le=MAX_PAGE_LIMIT, description="Items per page (1–50)."
        )
        offset: int = Field(default=0, ge=0, le=MAX_ROWS)
