//! Enums named by short keys in links and menus (`?loss=mse`, `<option value="tpe">`): one
//! declaration ([`keyed_enum!`]) gives the enum, its `key` and its `from_key`.

/// An enum whose variants have keys: what [`keyed_enum!`] implements, for code that takes any
/// of them (a setting read from a link, for one).
pub trait Keyed: Copy + Sized {
    /// The variant's key, as links and menus write it.
    fn key(self) -> &'static str;
    /// The variant named `key` or one of its other spellings (case-insensitive), if any.
    fn from_key(key: &str) -> Option<Self>;
}

/// Declares an enum whose variants are named by keys, each written once:
///
/// ```text
/// keyed_enum! {
///     /// The reconstruction loss.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum LossKind {
///         Mse = "mse" | "l2",
///         L1 = "l1" | "mae",
///     }
/// }
/// ```
///
/// The first string is the variant's key (`LossKind::Mse.key() == "mse"`); it and the others
/// after `|` are read back by `from_key`, in any case. A variant marked `(not read)` has a key
/// that `from_key` does not accept. The variants carry no `= discriminant`, and the enum gets
/// inherent `key`/`from_key` methods as well as [`Keyed`].
macro_rules! keyed_enum {
    (@read) => { true };
    (@read not) => { false };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $key:literal $(| $alias:literal)* $(($not:ident read))?
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// The variant's key, as links and menus write it.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }

            /// The variant named `key` or one of its other spellings (case-insensitive), if any.
            pub fn from_key(key: &str) -> Option<Self> {
                match key.to_ascii_lowercase().as_str() {
                    $($key $(| $alias)* if $crate::keyed::keyed_enum!(@read $($not)?) => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::keyed::Keyed for $name {
            fn key(self) -> &'static str {
                $name::key(self)
            }

            fn from_key(key: &str) -> Option<Self> {
                $name::from_key(key)
            }
        }
    };
}

pub(crate) use keyed_enum;
