"""Settings: `base` reads the environment (docs/interface.md); `test` is for pytest."""
