"""Stage 1, load: read a spec file within safe limits, check it, and hand on one document."""
