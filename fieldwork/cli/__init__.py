"""The command line (argparse); never imports Qt."""
