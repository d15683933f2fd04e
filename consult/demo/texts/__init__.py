"""The demo commune's Vietnamese texts, kept apart from the seeding logic."""
