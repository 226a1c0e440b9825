"""The handlers of `gatewaygen`'s commands that are not modules of their own; `generator.cli`
builds the argument parser and dispatches to them."""
