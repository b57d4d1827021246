"""Cross-cutting tests (docs/design.md, "App layout")."""
