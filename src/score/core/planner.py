"""Keep PostgreSQL's planner statistics in step with bulk writes."""

from django.db import connection

# Writes after which a bulk load refreshes the statistics (autovacuum would, later).
BULK_ROWS = 500


def refresh_statistics() -> None:
    """On PostgreSQL, ANALYZE after a bulk load, as its documentation advises: until the
    autovacuum daemon gets to it, the planner plans the reports' joins from the statistics
    of the tables before the load (empty, or a few rows) and may pick nested loops that
    take minutes on thousands of rows. Inside a transaction ANALYZE sees the transaction's
    own rows. SQLite plans without such statistics: nothing to do there."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
