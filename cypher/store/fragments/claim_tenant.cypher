// Claims the Tenant node `t` for the rest of the transaction (store/fragments/claim says
// why a claim is a real write).
SET t._lock = coalesce(t._lock, 0) + 1
