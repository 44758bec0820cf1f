"""Storage: the plan file (TOML in) and the progress log (append-only, locked)."""
