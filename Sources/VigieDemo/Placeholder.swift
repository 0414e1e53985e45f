enum PlaceholderVigieDemo {}
