//! What a violation broke, as data: callers that answer each problem differently (the
//! emulator picks the documented error code by it) branch on the kind, never on the words
//! of [`crate::Violation::rule`] or its value.

/// The kind of a broken limit. Exhaustive on purpose: a new kind is a compile error at
/// every place that answers kinds differently. What breaking a rule is, [`Kind::of`], is
/// beside the rule's definition (`rule.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Longer than its maximum (characters or bytes).
    TooLong,
    /// Shorter than its minimum (characters or bytes).
    TooShort,
    /// More items than its maximum.
    TooMany,
    /// Fewer items than its minimum.
    TooFew,
    /// Below its minimum.
    TooSmall,
    /// Above its maximum.
    TooLarge,
    /// Not one of the documented values.
    NotOneOf,
    /// Not starting with the documented prefix.
    WrongPrefix,
    /// Holding a character outside the documented class.
    WrongCharacters,
    /// Not the JSON document (or object) the page says it holds.
    NotJson,
    /// A JSON object with a value that is not a string.
    JsonValueNotString,
    /// A JSON object with more keys than documented.
    TooManyJsonKeys,
    /// A JSON object with a key longer than documented.
    JsonKeyTooLong,
    /// A JSON object with a key holding a character outside the documented class.
    JsonKeyCharacters,
    /// Members given together that the page says exclude each other.
    Conflict,
    /// A member the page requires (alone, or one of a group) not given.
    Missing,
    /// A filter name the page does not document.
    UnknownFilter,
    /// Not the shape of a request at all (a body that is not an object, a bad action name).
    Shape,
}
