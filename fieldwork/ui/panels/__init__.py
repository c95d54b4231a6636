"""Panels of the notebook window: the framework tree, the tag picker and their helpers."""
