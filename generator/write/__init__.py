"""Stage 4, write: prove the new package, then replace the old one atomically, with its manifest."""
