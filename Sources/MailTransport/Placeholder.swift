enum PlaceholderMailTransport {}
