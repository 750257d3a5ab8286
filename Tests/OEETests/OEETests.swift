// Tests for module OEE mirror its source layout.
