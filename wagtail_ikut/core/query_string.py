"""The query strings the package writes back into its links: the same search, the same URL."""

from collections.abc import Iterable, Mapping

from django.http import QueryDict


def canonical_query(values: Mapping, names: Iterable[str]) -> QueryDict:
    """Return a QueryDict of the ``names`` that have a value in ``values``, in that order: lists
    sorted, ``True`` as "1", anything else as its text."""
    query = QueryDict(mutable=True)
    for name in names:
        value = values.get(name)
        if not value:
            continue
        if isinstance(value, list | tuple):
            query.setlist(name, sorted(value))
        elif value is True:
            query[name] = "1"
        else:
            query[name] = str(value)
    return query
