//! `rules/crypto.cocci` (adler32 one-shot digests, algorithm names and sizes) and
//! `rules/crypto_flags.cocci` (the request-based wrappers and other adler32 uses, reported).

mod support;

cases!(crypto; basic);

#[test]
fn requests_flagged() {
    support::check_flags("crypto_flags", "requests");
}
