"""Vocabulary shared by every layer: frozen dataclasses, ids and errors (standard library only)."""
