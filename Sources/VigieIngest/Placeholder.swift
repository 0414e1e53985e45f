enum PlaceholderVigieIngest {}
