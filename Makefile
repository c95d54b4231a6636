# Shortcuts for the README's two commands.
.PHONY: run test
run:
	@bash scripts/run
test:
	@bash scripts/test
