"""Labels: the allowed values shared by the rule loader, the extractor and the schemas."""

CATEGORIES = (
    "killed", "injured", "casualties", "missing", "captured",
    "displaced", "refugees", "fighters",
)
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "about", "range", "vague")
UNITS = ("people", "households")
SOURCE_KINDS = ("attributed", "outlet")
# Core groups from the contract; rules may name more specific ones (journalists, police, ...).
GROUPS = (
    "people", "civilians", "children", "women", "men", "fighters", "soldiers",
    "journalists", "aid workers", "medical staff", "police", "migrants", "students",
)
DOCUMENT_STATUSES = ("ok", "empty", "unreadable", "not-text", "too-large", "duplicate", "failed")
PUBLISHED_FROM = ("manifest", "dateline", "none")
