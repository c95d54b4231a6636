"""Dialogs of the notebook window: preferences and starting an activity."""
