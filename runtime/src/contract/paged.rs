//! What a paged action's request says about its pages (`Offset` in the request, one list
//! and `TotalCount` in the answer), so the one `into_pages()` of every generated builder
//! can walk them; `paged!` implements it from the three member names.

use crate::contract::spec::Operation;

/// A request whose answers come in pages.
pub trait Paged: Operation + Clone {
    /// The request's `Offset`, if given.
    fn offset(&self) -> Option<i64>;
    /// Sets the request's `Offset`.
    fn set_offset(&mut self, offset: i64);
    /// How many items a page holds.
    fn page_len(page: &Self::Response) -> usize;
    /// The answer's `TotalCount`.
    fn total(page: &Self::Response) -> Option<i64>;
}

/// `paged!(Request: offset, list, total_count)`: [`Paged`] from the request's offset member
/// and the answer's list and total members.
#[macro_export]
macro_rules! paged {
    ($request:ident: $offset:ident, $list:ident, $total:ident) => {
        impl $crate::contract::paged::Paged for $request {
            fn offset(&self) -> ::std::option::Option<i64> {
                self.$offset
            }
            fn set_offset(&mut self, offset: i64) {
                self.$offset = ::std::option::Option::Some(offset);
            }
            fn page_len(page: &Self::Response) -> usize {
                page.$list.as_ref().map_or(0, ::std::vec::Vec::len)
            }
            fn total(page: &Self::Response) -> ::std::option::Option<i64> {
                page.$total
            }
        }
    };
}
