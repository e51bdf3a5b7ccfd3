"""The language and the formats every app speaks, below all of them: Russian dates, numbers and
names (`russian`, `declension`), the academic year's periods, links, spreadsheets, uploaded
files' checks, e-mail headers and small field and constraint helpers. Plain Python: it imports
no app of the portal, so every app may import it."""
