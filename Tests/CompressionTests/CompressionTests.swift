// Tests for module Compression mirror its source layout.
