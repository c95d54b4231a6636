"""Detectors for personal data that should not be in a note."""
