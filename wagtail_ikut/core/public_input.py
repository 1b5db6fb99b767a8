"""What every public page and API route does to what a visitor sends before reading it."""

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

#: Unknown filter values a notice names; the rest it counts, so that a query string repeating
#: one value thousands of times does not come back as a page thousands of values long.
NAMED_UNKNOWN_VALUES = 5


def without_nul(text):
    """Return the text without NUL characters."""
    # PostgreSQL refuses NUL in text and SQLite ends the text there, matching everything.
    return text.replace("\x00", "")


def query_without_nul(data):
    """Return a mutable copy of a query string's parameters, their values without NUL."""
    query = QueryDict(mutable=True)
    for name, values in data.lists():
        query.setlist(name, [without_nul(value) for value in values])
    return query


def unknown_values_notice(values):
    """Return the notice that these filter values were left out, naming only the first few."""
    values = list(dict.fromkeys(value[:40] for value in values))
    named = ", ".join(values[:NAMED_UNKNOWN_VALUES])
    more = len(values) - NAMED_UNKNOWN_VALUES
    if more > 0:
        return ngettext(
            "Unknown filter values were left out: %(values)s and %(count)s more",
            "Unknown filter values were left out: %(values)s and %(count)s more",
            more,
        ) % {"values": named, "count": more}
    return _("Unknown filter values were left out: %(values)s") % {"values": named}
