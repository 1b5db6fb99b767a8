"""Full-text matching over the directory's index, in each database's own engine."""

from django.db import connection

DOCUMENTS = "wagtail_ikut_servicesearchdocument"
FTS = "wagtail_ikut_service_fts"
POSTGRES_VECTOR = (
    f"(setweight(to_tsvector('simple', {DOCUMENTS}.title_terms), 'A') "
    f"|| setweight(to_tsvector('simple', {DOCUMENTS}.body_terms), 'B'))"
)


def sqlite_match(groups):
    # Every word must match one of its forms; a form matches as a prefix, as people type stems.
    return " AND ".join(
        "(" + " OR ".join('"' + term.replace('"', '""') + '"*' for term in group) + ")"
        for group in groups
    )


def postgres_match(groups):
    return " & ".join(
        "(" + " | ".join(term.replace("'", "''") + ":*" for term in group) + ")" for group in groups
    )


def ranked_matches(groups):
    """Return (page id, rank) for every service matching every word group; lower rank is
    better, and a word in the title weighs more than one in the body."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = "to_tsquery('simple', %s)"
            # ts_rank grows with relevance; negate it so that lower is better on both engines.
            cursor.execute(
                f"SELECT page_id, -ts_rank({POSTGRES_VECTOR}, {tsquery}) FROM {DOCUMENTS} "
                f"WHERE {POSTGRES_VECTOR} @@ {tsquery}",
                [postgres_match(groups)] * 2,
            )
        else:
            cursor.execute(
                f"SELECT rowid, rank FROM {FTS} WHERE {FTS} MATCH %s", [sqlite_match(groups)]
            )
        return cursor.fetchall()
