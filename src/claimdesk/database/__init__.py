"""The databases: every row derived from claims/ and the review log, and the one path that
writes them."""
