"""The semester report: its figures, its PDF and workbook, its finalised editions."""
