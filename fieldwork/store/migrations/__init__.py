"""Alembic migrations of the notebook schema; imported only when a notebook is behind."""
