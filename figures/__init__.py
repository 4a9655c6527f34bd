"""figures: find casualty, displacement and fighter-count figures in news articles."""

__version__ = "0.1.0"
