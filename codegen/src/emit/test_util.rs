//! `src/test_util.rs` (feature `test-util`): the runtime's test doubles for this crate's
//! client: a client answered by typed rules, and one answered by a recording.

use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_test_util() -> TokenStream {
    quote! {
        //! Test doubles for code built on [`Client`](crate::Client), with no emulator and
        //! no network (feature `test-util`): calls answered by typed rules
        //! ([`client`]; "the Nth call of an action whose request matches answers this
        //! output, this service error or this raw body"), or by exchanges recorded with
        //! `Client::builder().record_to(path)` and played back in order ([`replaying`]).
        //! Requests are validated and answers read as in real calls.

        pub use ::tencentcloud_runtime::test_double::{Recorder, Replay, Rule, RuleFor, Rules};

        /// A client whose calls `rules` answer; it opens no connection (an attempt would be
        /// reported by [`Rules::verify`]).
        pub fn client(rules: &Rules) -> crate::Client {
            crate::Client::builder()
                .test_rules(rules)
                .build()
                .expect("a client answered by test rules needs no setting that can fail")
        }

        /// A client whose calls `replay` answers, in the order recorded.
        pub fn replaying(replay: &Replay) -> crate::Client {
            crate::Client::builder()
                .replay(replay)
                .build()
                .expect("a client answered by a recording needs no setting that can fail")
        }
    }
}
