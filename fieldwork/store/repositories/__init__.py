"""Repositories: add, change and query evidence as domain values; they never commit."""
