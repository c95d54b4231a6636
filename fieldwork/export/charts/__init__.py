"""Charts of the evidence pack, drawn as vector ReportLab graphics."""
