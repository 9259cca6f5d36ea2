"""Reusable test helpers: a throwaway PostgreSQL cluster and a real sync server process."""
