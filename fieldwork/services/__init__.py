"""One function per user action, returning plain data to the window and the command line."""
