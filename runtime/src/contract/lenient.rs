//! Reading a member straight from the answer's bytes, lenient on numbers only: where a
//! number is asked for (the member itself, or the items of a list, at any depth of lists
//! and options) a numeric string (`"TotalCount": "3"`, as some services answer) is read
//! as its number, and [`Repairs`] remembers it so the structure can warn, naming the
//! member. Everything else is the inner deserializer's own reading, untouched: a nested
//! structure is read by its own `Deserialize`, which is lenient for its own members.

use serde::de::{DeserializeSeed, Deserializer, Error, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// Whether a numeric string was read as a number while one member was read.
pub type Repairs = Cell<bool>;

/// `inner`, reading numeric strings where numbers are asked for.
pub struct Lenient<'r, D> {
    pub inner: D,
    pub repairs: &'r Repairs,
}

/// A seed (an element, a member's value) read through [`Lenient`].
pub struct LenientSeed<'r, S> {
    pub seed: S,
    pub repairs: &'r Repairs,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for LenientSeed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<S::Value, D::Error> {
        let repairs = self.repairs;
        self.seed.deserialize(Lenient { inner, repairs })
    }
}

/// The visitor of a number: numbers as they are, a numeric string as its number.
struct Numeric<'r, V> {
    visitor: V,
    repairs: &'r Repairs,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Numeric<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<V::Value, E> {
        self.visitor.visit_i64(v)
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<V::Value, E> {
        self.visitor.visit_u64(v)
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<V::Value, E> {
        self.visitor.visit_f64(v)
    }
    fn visit_bool<E: Error>(self, v: bool) -> Result<V::Value, E> {
        self.visitor.visit_bool(v)
    }
    fn visit_unit<E: Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }
    fn visit_str<E: Error>(self, text: &str) -> Result<V::Value, E> {
        let trimmed = text.trim();
        let parsed = (trimmed.parse::<i64>().map(Number::Int))
            .or_else(|_| trimmed.parse::<u64>().map(Number::Unsigned))
            .or_else(|_| trimmed.parse::<f64>().map(Number::Float));
        match parsed {
            Ok(Number::Float(f)) if !f.is_finite() => self.visitor.visit_str(text),
            Ok(number) => {
                self.repairs.set(true);
                match number {
                    Number::Int(i) => self.visitor.visit_i64(i),
                    Number::Unsigned(u) => self.visitor.visit_u64(u),
                    Number::Float(f) => self.visitor.visit_f64(f),
                }
            }
            Err(_) => self.visitor.visit_str(text),
        }
    }
}

enum Number {
    Int(i64),
    Unsigned(u64),
    Float(f64),
}

/// An option whose value, when there is one, is read leniently.
struct LenientOption<'r, V> {
    visitor: V,
    repairs: &'r Repairs,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for LenientOption<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_none<E: Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }
    fn visit_unit<E: Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        let repairs = self.repairs;
        self.visitor.visit_some(Lenient { inner, repairs })
    }
}

/// A list whose items are read leniently.
struct LenientSeq<'r, V> {
    visitor: V,
    repairs: &'r Repairs,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for LenientSeq<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let repairs = self.repairs;
        self.visitor.visit_seq(LenientItems { seq, repairs })
    }
}

struct LenientItems<'r, A> {
    seq: A,
    repairs: &'r Repairs,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for LenientItems<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let repairs = self.repairs;
        self.seq.next_element_seed(LenientSeed { seed, repairs })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// Numbers through [`Numeric`]; the rest forwarded to the inner deserializer as asked.
macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            let repairs = self.repairs;
            self.inner.deserialize_any(Numeric { visitor, repairs })
        }
    )*};
}

macro_rules! forwarded {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method(visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Lenient<'_, D> {
    type Error = D::Error;

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f32 deserialize_f64
    }
    forwarded! {
        deserialize_any deserialize_bool deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let repairs = self.repairs;
        self.inner
            .deserialize_option(LenientOption { visitor, repairs })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let repairs = self.repairs;
        self.inner.deserialize_seq(LenientSeq { visitor, repairs })
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_enum(name, variants, visitor)
    }
}
