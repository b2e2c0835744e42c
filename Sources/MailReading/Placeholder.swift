enum PlaceholderMailReading {}
