"""Times and numbers a request may carry that the dashboard cannot use, with the words its
refusal must hold: shared by the API's tests and the pages' (dashboard/params.py reads both)."""

TIME_HINT = "give ISO 8601 (2026-11-28T10:32:00Z) or epoch seconds from 0 to 253402300799"
BAD_TIMES = [
    ("1e300", "out of range"),
    ("-1e20", "out of range"),
    ("-5", "out of range"),
    ("99999999999999", "out of range"),
    ("9" * 400, "out of range"),
    ("inf", "not a time"),
    ("-inf", "not a time"),
    ("nan", "not a time"),
    ("1e400", "out of range"),
    ("٣", "not a time"),
    ("soon", "not a time"),
    ("2026-02-30T10:00", "not a time"),
    ("0001-01-01T00:00:00+05:00", "out of range"),
]
BAD_NUMBERS = [
    ("0", "out of range"),
    ("-1", "out of range"),
    ("99999999999999999999999", "out of range"),
    ("1e3", "not a whole number"),
    ("nan", "not a whole number"),
    ("inf", "not a whole number"),
    ("²", "not a whole number"),
    ("many", "not a whole number"),
]
