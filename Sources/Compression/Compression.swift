// Codecs.
