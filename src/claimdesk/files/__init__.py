"""The files under claims/ and their review log: reading, validating, writing, adding."""
