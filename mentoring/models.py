"""The program's work: programs, assignments (pairs and groups), plans, roadmap."""
