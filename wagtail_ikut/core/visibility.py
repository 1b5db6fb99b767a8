"""What the public may read: one rule for pages, in SQL and in Python.

Every outlet asks here or in services/visibility.py: the pages themselves, the blocks, the
directory's indexes and its search, the course listing and its calendar, the API. Each queryset
function and the predicate beside it say the same thing; tests/test_visibility.py holds them to it.
"""

import datetime
from collections.abc import Iterable

import swapper
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import PageViewRestriction


def restricted_paths() -> tuple[str, ...]:
    """Return the tree paths of the pages with a view restriction (password, login, groups):
    what is below them is not for the public."""
    # Not a join from the restrictions to the pages, as Wagtail's PageQuerySet.public() makes:
    # SQLite has no statistics for an empty table and reads every page for it (10 ms at 20,000
    # services, 40 ms at 100,000).
    Page = swapper.load_model("wagtailcore", "Page")
    pages = Page.objects.filter(pk__in=PageViewRestriction.objects.values("page"))
    return tuple(pages.values_list("path", flat=True))


def public_pages(queryset: QuerySet, now: datetime.datetime | None = None) -> QuerySet:
    """Narrow a page queryset to the pages the public may read: published, not past their
    expiry time, not below a view restriction."""
    # The expiry time as well as ``live``: Wagtail unpublishes an expired page only when
    # ``publish_scheduled`` next runs, which may be minutes or hours later.
    queryset = queryset.live().exclude(expire_at__lte=now or timezone.now())
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def is_public_page(page, restricted: tuple[str, ...], now: datetime.datetime) -> bool:
    """Tell whether the public may read ``page``, as public_pages() would;
    ``restricted`` holds the paths of restricted_paths()."""
    return (
        page.live
        and (page.expire_at is None or page.expire_at > now)
        and not page.path.startswith(restricted)
    )


def chosen_pages(pages: Iterable, visible: QuerySet) -> list:
    """Return the pages an editor chose (a chooser's list, with None for deleted ones) that
    the queryset ``visible`` holds, in the editor's order, as their specific classes."""
    ids = [page.pk for page in pages if page is not None]
    found = visible.filter(pk__in=ids).specific().in_bulk()
    return [found[pk] for pk in ids if pk in found]
