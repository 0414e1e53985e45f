enum PlaceholderVigieTestSupport {}
