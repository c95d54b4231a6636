"""The draft judgement evidence pack, rendered from plain data."""
