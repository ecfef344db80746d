//! `setters!`: a generated builder's optional setters from one line each (`name: kind
//! Type;` after its doc), expanded inside the builder's `impl` into methods that fill
//! `self.0.request.name` and return the builder. Kinds: `into` (`impl Into<T>`), `value`
//! (`T`), `items_into` (items `impl Into<T>`), `items` (items `T`).

/// See the [module](self).
#[macro_export]
macro_rules! setters {
    ($( $(#[$doc:meta])* $name:ident: $kind:ident $ty:ty; )*) => {
        $( $crate::setters!(@one $(#[$doc])* $name $kind $ty); )*
    };
    (@one $(#[$doc:meta])* $name:ident into $ty:ty) => {
        $(#[$doc])*
        pub fn $name(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.0.request.$name = ::std::option::Option::Some(value.into());
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident value $ty:ty) => {
        $(#[$doc])*
        pub fn $name(mut self, value: $ty) -> Self {
            self.0.request.$name = ::std::option::Option::Some(value);
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident items_into $ty:ty) => {
        $(#[$doc])*
        pub fn $name(
            mut self,
            value: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<$ty>>,
        ) -> Self {
            let items = value.into_iter().map(::std::convert::Into::into).collect();
            self.0.request.$name = ::std::option::Option::Some(items);
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident items $ty:ty) => {
        $(#[$doc])*
        pub fn $name(mut self, value: impl ::std::iter::IntoIterator<Item = $ty>) -> Self {
            self.0.request.$name = ::std::option::Option::Some(value.into_iter().collect());
            self
        }
    };
}
