// Tests for module Historian mirror its source layout.
