# Dates as the office writes them: "26.11.2026" in tables and registers, "26 listopada 2026"
# in running text. Django's own Polish short formats use hyphens ("26-11-2026").
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
