"""One module per family of cleansing rules; each rule is `rule(ctx) -> Parse`."""
