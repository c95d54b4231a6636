"""Item models over plain, immutable rows from services and the framework."""
