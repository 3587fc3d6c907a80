// Keyset paging on `n`: only the rows after the cursor's row in the order of
// store/fragments/page_order (the sort value, nulls last ascending and first descending,
// then the id ascending). A deep page costs what the first one does, not a SKIP over all
// the rows before it.
// @param after: whether a cursor is given
// @param after_key: the sort value of the previous page's last row (null when it had none)
// @param after_id: the id of the previous page's last row
WHERE NOT $after OR
  CASE
    WHEN $after_key IS NULL THEN
      CASE WHEN $descending THEN n[$sort] IS NOT NULL OR n.id > $after_id
      ELSE n[$sort] IS NULL AND n.id > $after_id END
    WHEN n[$sort] IS NULL THEN NOT $descending
    WHEN n[$sort] = $after_key THEN n.id > $after_id
    WHEN $descending THEN n[$sort] < $after_key
    ELSE n[$sort] > $after_key
  END
