"""Screens shown in the window's central area: start, new inspection, recovery code, unlock, lock."""
