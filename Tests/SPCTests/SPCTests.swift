// Tests for module SPC mirror its source layout.
