enum PlaceholderEscalationStore {}
