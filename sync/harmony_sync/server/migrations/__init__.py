"""Alembic migrations of the sync server database (run by ``harmony_sync.server.db``)."""
