"""Cross-cutting tests (DESIGN.md, Layout)."""
