"""Runtime assets shipped with Fieldwork: frameworks, fonts, icons, help."""
