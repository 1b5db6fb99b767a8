"""Full-text matching over the directory's index, in each database's own engine."""

from django.db import connection

DOCUMENTS = "wagtail_ikut_servicesearchdocument"
FTS = "wagtail_ikut_service_fts"
POSTGRES_VECTOR = (
    f"(setweight(to_tsvector('simple', {DOCUMENTS}.title_terms), 'A') "
    f"|| setweight(to_tsvector('simple', {DOCUMENTS}.body_terms), 'B'))"
)


def sqlite_match(groups, title_only=False, whole=False):
    # Every word must match one of its forms; a form matches as a prefix, as people type stems,
    # unless ``whole``.
    ending = "" if whole else "*"
    match = " AND ".join(
        "(" + " OR ".join('"' + term.replace('"', '""') + '"' + ending for term in group) + ")"
        for group in groups
    )
    return f"title_terms : ({match})" if title_only else match


def postgres_match(groups, title_only=False, whole=False):
    # Weight A marks the title's terms in the index (POSTGRES_VECTOR).
    label = ("" if whole else "*") + ("A" if title_only else "")
    suffix = ":" + label if label else ""
    return " & ".join(
        "(" + " | ".join(term.replace("'", "''") + suffix for term in group) + ")"
        for group in groups
    )


def matches(groups, title_only=False, whole=False):
    """Return the ids of the services matching every word group, in their title only if
    ``title_only``, by whole terms only if ``whole``."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT page_id FROM {DOCUMENTS} "  # noqa: S608 - names are ours, text a parameter  # nosec
                f"WHERE {POSTGRES_VECTOR} @@ to_tsquery('simple', %s)",
                [postgres_match(groups, title_only, whole)],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s",  # noqa: S608 - as above  # nosec
                [sqlite_match(groups, title_only, whole)],
            )
        return [pk for (pk,) in cursor.fetchall()]
