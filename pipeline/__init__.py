"""News NLP pipeline: raw articles in, tidy tables out."""

__version__ = "0.1.0"
