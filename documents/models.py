"""Orders, consents and agreements rendered as PDF, with the director's sign-off."""
