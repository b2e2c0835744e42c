enum PlaceholderMailMessage {}
