// The item `n`'s lower-cased name, what name search and autocomplete match.
SET n.search_name = toLower(n.name)
