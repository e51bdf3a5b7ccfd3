"""The program's health: what needs attention, and the reminders that say so."""
