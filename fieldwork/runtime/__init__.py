"""Operating-system helpers every layer needs: folders, shipped assets, logging, atomic writes."""
