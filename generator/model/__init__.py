"""Stage 2, model: the intermediate model. Every name the output uses is decided here, once."""
