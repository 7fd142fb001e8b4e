# British English, as the rest of the English pages: "26 November 2026", "26 Nov 2026". Day
# first, so that a range reads "8–11 June 2021" (qms_tags.date_range) and no reader mistakes
# the day for the month; the 24-hour clock, as the office keeps its records.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
