"""Text stages: read bytes, clean with an offset map back to the source."""
