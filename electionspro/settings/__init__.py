"""Settings: `base` reads the environment (CONTRACT.md section 1); `test` is for pytest."""
