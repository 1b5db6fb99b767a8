"""Full-text matching over the directory's index, in each database's own engine."""

from django.db import connection

DOCUMENTS = "wagtail_ikut_servicesearchdocument"
FTS = "wagtail_ikut_service_fts"
POSTGRES_VECTOR = (
    f"(setweight(to_tsvector('simple', {DOCUMENTS}.title_terms), 'A') "
    f"|| setweight(to_tsvector('simple', {DOCUMENTS}.body_terms), 'B'))"
)


def boolean_expression(groups, quote, conjunction, disjunction):
    """Return word groups as one expression: every group, each by any of its alternatives, an
    alternative being a quoted term or a phrase (groups of its own, every one to match)."""

    def every(groups):
        return f" {conjunction} ".join(map(any_of, groups))

    def any_of(group):
        alternatives = (
            quote(term) if isinstance(term, str) else f"({every(term)})" for term in group
        )
        return "(" + f" {disjunction} ".join(alternatives) + ")"

    return every(groups)


def sqlite_match(groups, title_only=False, whole=False):
    # Every word must match one of its forms; a form matches as a prefix, as people type stems,
    # unless ``whole``.
    ending = "" if whole else "*"
    match = boolean_expression(
        groups, lambda term: '"' + term.replace('"', '""') + '"' + ending, "AND", "OR"
    )
    return f"title_terms : ({match})" if title_only else match


def postgres_match(groups, title_only=False, whole=False):
    # Weight A marks the title's terms in the index (POSTGRES_VECTOR).
    label = ("" if whole else "*") + ("A" if title_only else "")
    suffix = ":" + label if label else ""
    return boolean_expression(groups, lambda term: term.replace("'", "''") + suffix, "&", "|")


def matches(groups, title_only=False, whole=False):
    """Return the ids of the services matching every word group, in their title only if
    ``title_only``, by whole terms only if ``whole``.

    A group's alternatives are terms, or phrases: tuples of groups, every one to match.
    """
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
