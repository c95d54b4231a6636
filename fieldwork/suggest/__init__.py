"""Suggestions for tagging a note: which judgement area and which criteria it is evidence for."""
