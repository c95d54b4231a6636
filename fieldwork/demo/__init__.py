"""The seeded synthetic demo inspection, as plain data."""
