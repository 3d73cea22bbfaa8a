"""Browser (end-to-end) tests, and the harness they share with scripts/screenshots.py."""
