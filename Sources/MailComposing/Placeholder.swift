enum PlaceholderMailComposing {}
