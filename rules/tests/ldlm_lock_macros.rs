//! `rules/ldlm_lock_macros.cocci`: `LDLM_LOCK_PUT`/`RELEASE`/`GET` → `ldlm_lock_put`/`ldlm_lock_get`.

mod support;

cases!(ldlm_lock_macros; basic);
