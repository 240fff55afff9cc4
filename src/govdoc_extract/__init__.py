"""govdoc_extract: structured, validated records from Chinese government bulletin text."""
__version__ = "0.1.0"
