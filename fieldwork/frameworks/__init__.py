"""Inspection frameworks as versioned, validated data: loader, problem report, mappings, rules."""
